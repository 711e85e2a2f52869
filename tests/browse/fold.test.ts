import { describe, expect, it } from 'vitest';
import { fold, queryWords } from '../../src/browse/fold';

describe('fold', () => {
  it('folds case and diacritics, so korason finds Mi Korasón', () => {
    expect(fold('Mi Korasón')).toContain('korason');
    expect(fold('BEYONCÉ')).toBe('beyonce');
    expect(fold('Sigur Rós – Ágætis byrjun')).toBe('sigur ros – agaetis byrjun');
  });

  it('spells letters that Unicode does not decompose', () => {
    expect(fold('Straße Łódź Øresund Þór')).toBe('strasse lodz oresund thor');
  });

  it('folds compatibility forms (full-width letters, ligatures)', () => {
    expect(fold('ＡＢＣ ﬁre')).toBe('abc fire');
  });

  it('leaves scripts without case or marks readable (Japanese, Arabic, emoji)', () => {
    expect(fold('東京 مرحبا 🎵')).toBe('東京 مرحبا 🎵');
  });

  it('splits a query into folded words, ignoring extra spaces', () => {
    expect(queryWords('  Mi   KORASÓN ')).toEqual(['mi', 'korason']);
    expect(queryWords('   ')).toEqual([]);
  });
});
