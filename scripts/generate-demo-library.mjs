#!/usr/bin/env node
/**
 * Generates the demo music library — six short instrumentals and their cover art —
 * entirely with code, so the repository ships no binary media and needs no downloads.
 *
 *   node scripts/generate-demo-library.mjs            # generate if the sources changed
 *   node scripts/generate-demo-library.mjs --force    # always regenerate
 *   node scripts/generate-demo-library.mjs --jobs=1   # limit the worker threads
 *
 * Outputs: public/audio/t1.mp3 … t6.mp3 (mono, 32 kHz, 64 kbps CBR), public/art/t1.svg … t6.svg,
 * and public/audio/.generator-hash (sha256 of this file) which makes re-runs a no-op.
 *
 * public/library.json is NOT written here (a deployer owns that file); when generating,
 * the script prints the JSON that file must contain. Track durations are constants below,
 * derived from whole bar counts, and every render is checked against them.
 *
 * Everything is deterministic: each track draws from its own seeded PRNG streams, so the
 * same version of this file (on the same Node.js and lamejs) always produces the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, threadId, Worker, workerData } from 'node:worker_threads';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const AUDIO_DIR = path.join(ROOT, 'public', 'audio');
const ART_DIR = path.join(ROOT, 'public', 'art');
const HASH_FILE = path.join(AUDIO_DIR, '.generator-hash');

// 32 kHz rather than 44.1 kHz: lamejs (pure JS) is the slowest step, and at 64 kbps mono the
// encoder low-passes around 14 kHz anyway, so the extra bandwidth would be thrown away while
// costing ~35% more encode time.
export const SAMPLE_RATE = 32000;
export const BITRATE_KBPS = 64;
const MP3_FRAME = 1152; // samples per MPEG-1 Layer III frame; lamejs wants input in these chunks

// ---------------------------------------------------------------------------------------------
// Track definitions
// ---------------------------------------------------------------------------------------------
// `duration` is the exact length of the rendered audio in seconds. It is chosen as
// `bars` whole 4/4 bars at `bpm`, plus a 3–4 s tail for the last chord and reverb to ring out.
// Keys are MIDI note numbers of the tonic around octave 4 (60 = middle C).

export const TRACKS = Object.freeze([
  {
    id: 't1',
    title: 'Morning Drift',
    artist: 'Sine Collective',
    album: 'Low Orbit Mornings',
    duration: 168.0,
    bpm: 76,
    bars: 52,
    music: {
      key: 62,
      scale: 'major',
      melodyScale: 'major',
      progression: [0, 4, 5, 3],
      chordBars: 2,
      sevenths: true,
      pad: { gain: 0.19, attack: 1.4, release: 2.2, cutoff: 1100, detune: 8, saw: 0.55, sine: 0.6 },
      bass: { pattern: 'R-------F-------', gain: 0.18, cutoff: 380, saw: 0.15 },
      lead: { voice: 'soft', root: 74, gain: 0.2, rhythm: 'calm' },
      arp: null,
      drums: { kick: 'x.......x.......', snare: '', hat: '..o...o...o...o.', kickGain: 0.35, snareGain: 0, hatGain: 0.14 },
      reverb: 0.5,
      targetRms: 0.15,
    },
    art: { hues: [28, 345, 200], seedSalt: 'dawn' },
  },
  {
    id: 't2',
    title: 'Neon Avenue',
    artist: 'Oscillator Club',
    album: 'Night Bus Tapes',
    duration: 174.0,
    bpm: 118,
    bars: 84,
    music: {
      key: 57,
      scale: 'minor',
      melodyScale: 'minor',
      progression: [0, 5, 2, 6],
      chordBars: 1,
      sevenths: false,
      pad: { gain: 0.2, attack: 0.25, release: 0.6, cutoff: 1700, detune: 12, saw: 0.9, sine: 0.2 },
      bass: { pattern: 'R.R.R.R.R.R.O.R.', gain: 0.19, cutoff: 650, saw: 0.7, filterEnv: 2.5 },
      lead: { voice: 'synth', root: 69, gain: 0.28, rhythm: 'busy' },
      arp: { rate: 16, gain: 0.07, octave: 12 },
      drums: { kick: 'x...x...x...x...', snare: '....x.......x...', hat: 'o.x.o.x.o.x.o.x.', kickGain: 0.3, snareGain: 0.2, hatGain: 0.17 },
      reverb: 0.3,
      targetRms: 0.19,
    },
    art: { hues: [305, 190, 255], seedSalt: 'neon' },
  },
  {
    id: 't3',
    title: 'Paper Lanterns',
    artist: 'The Generators',
    album: 'Festival of Small Lights',
    duration: 163.0,
    bpm: 96,
    bars: 64,
    music: {
      key: 55,
      scale: 'major',
      melodyScale: 'majorPentatonic',
      progression: [0, 5, 3, 4],
      chordBars: 1,
      sevenths: false,
      pad: { gain: 0.13, attack: 0.5, release: 1.1, cutoff: 1200, detune: 6, saw: 0.5, sine: 0.6 },
      bass: { pattern: 'R---..R.F---..F.', gain: 0.17, cutoff: 450, saw: 0.3 },
      lead: { voice: 'pluck', root: 67, gain: 0.5, rhythm: 'lively' },
      arp: null,
      drums: {
        kick: 'x.....x...x.....',
        snare: '....o.......o...',
        hat: 'x.o.x.o.x.o.x.o.',
        kickGain: 0.3,
        snareGain: 0.18,
        hatGain: 0.09,
      },
      reverb: 0.4,
      targetRms: 0.17,
    },
    art: { hues: [18, 42, 235], seedSalt: 'lantern' },
  },
  {
    id: 't4',
    title: 'Low Tide',
    artist: 'Sine Collective',
    album: 'Low Orbit Mornings',
    duration: 184.0,
    bpm: 64,
    bars: 48,
    music: {
      key: 60,
      scale: 'minor',
      melodyScale: 'minor',
      progression: [0, 5, 3, 6],
      chordBars: 2,
      sevenths: true,
      pad: { gain: 0.22, attack: 2.2, release: 3.0, cutoff: 850, detune: 10, saw: 0.6, sine: 0.55 },
      bass: { pattern: 'R---------------', gain: 0.17, cutoff: 300, saw: 0.1 },
      lead: { voice: 'soft', root: 72, gain: 0.19, rhythm: 'sparse' },
      arp: null,
      drums: { kick: 'x.........x.....', snare: '', hat: '........o.......', kickGain: 0.28, snareGain: 0, hatGain: 0.07 },
      reverb: 0.6,
      targetRms: 0.14,
    },
    art: { hues: [190, 215, 165], seedSalt: 'tide' },
  },
  {
    id: 't5',
    title: 'Kite Season',
    artist: 'The Generators',
    album: 'Festival of Small Lights',
    duration: 176.0,
    bpm: 100,
    bars: 72,
    music: {
      key: 64,
      scale: 'major',
      melodyScale: 'major',
      progression: [0, 3, 5, 4],
      chordBars: 1,
      sevenths: false,
      pad: { gain: 0.2, attack: 0.35, release: 0.9, cutoff: 1500, detune: 9, saw: 0.7, sine: 0.4 },
      bass: { pattern: 'R--.R.F-R--.O.F.', gain: 0.18, cutoff: 550, saw: 0.5, filterEnv: 1.5 },
      lead: { voice: 'bell', root: 76, gain: 0.1, rhythm: 'lively' },
      arp: { rate: 8, gain: 0.045, octave: 0 },
      drums: {
        kick: 'x.......x.x.....',
        snare: '....x.......x...',
        hat: 'x.x.x.x.x.x.x.x.',
        kickGain: 0.38,
        snareGain: 0.2,
        hatGain: 0.13,
      },
      reverb: 0.35,
      targetRms: 0.18,
    },
    art: { hues: [200, 48, 175], seedSalt: 'kite' },
  },
  {
    id: 't6',
    title: 'Static Bloom',
    artist: 'Oscillator Club',
    album: 'Night Bus Tapes',
    duration: 181.0,
    bpm: 92,
    bars: 68,
    music: {
      key: 64,
      scale: 'dorian',
      melodyScale: 'minorPentatonic',
      progression: [0, 3, 0, 6],
      chordBars: 1,
      sevenths: true,
      pad: { gain: 0.24, attack: 0.4, release: 1.2, cutoff: 1400, detune: 14, saw: 0.8, sine: 0.3 },
      bass: { pattern: 'R..R..R...R.F.O.', gain: 0.19, cutoff: 500, saw: 0.5, filterEnv: 2 },
      lead: { voice: 'synth', root: 64, gain: 0.33, rhythm: 'busy' },
      arp: null,
      drums: {
        kick: 'x..x..x...x.....',
        snare: '....x.......x..o',
        hat: '.ox..ox..ox..oxo',
        kickGain: 0.3,
        snareGain: 0.17,
        hatGain: 0.12,
      },
      reverb: 0.4,
      targetRms: 0.18,
    },
    art: { hues: [275, 135, 320], seedSalt: 'bloom' },
  },
]);

/** The content public/library.json must have for these tracks. */
export function buildLibrary() {
  return {
    tracks: TRACKS.map((t) => ({
      id: t.id,
      title: t.title,
      artist: t.artist,
      album: t.album,
      duration: Math.round(t.duration * 10) / 10,
      url: `audio/${t.id}.mp3`,
      artwork: `art/${t.id}.svg`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a string hash, used to turn "t3:melody"-style labels into PRNG seeds. */
function hashString(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast, full 32-bit period; returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Independent streams per purpose (melody, noise, art…) so that tweaking one part of a
 * track does not reshuffle every other part.
 */
function rngFor(track, purpose) {
  return mulberry32(hashString(`${track.id}:${track.title}:${purpose}`));
}

function pickWeighted(rand, weights) {
  let total = 0;
  for (const key in weights) total += weights[key];
  let r = rand() * total;
  for (const key in weights) {
    r -= weights[key];
    if (r < 0) return key;
  }
  return Object.keys(weights)[0];
}

// ---------------------------------------------------------------------------------------------
// Music theory helpers
// ---------------------------------------------------------------------------------------------

const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  majorPentatonic: [0, 2, 4, 7, 9],
  minorPentatonic: [0, 3, 5, 7, 10],
};

const midiToHz = (midi) => 440 * 2 ** ((midi - 69) / 12);

/** MIDI pitch of scale index `index` (may be negative or span octaves) above `root`. */
function scalePitch(root, scale, index) {
  const n = scale.length;
  const octave = Math.floor(index / n);
  return root + scale[index - octave * n] + 12 * octave;
}

/** Moves `pitch` by octaves into [low, low + 12). Fixed windows give smooth voice leading for free. */
function intoWindow(pitch, low) {
  return low + ((((pitch - low) % 12) + 12) % 12);
}

/**
 * Root-position close voicing: the root lands in [low, low + 12) and each further chord tone
 * sits just above the previous one. (Folding every tone into one octave would turn a major
 * seventh into a grating semitone cluster.)
 */
function voiceChord(pitches, low) {
  const out = [intoWindow(pitches[0], low)];
  for (let k = 1; k < pitches.length; k++) out.push(intoWindow(pitches[k], out[k - 1] + 1));
  return out;
}

/** Pitches of the chord on scale degree `degree`: stacked diatonic thirds (3 or 4 notes). */
function chordPitches(music, degree) {
  const scale = SCALES[music.scale];
  const count = music.sevenths ? 4 : 3;
  const out = [];
  for (let k = 0; k < count; k++) out.push(scalePitch(music.key, scale, degree + 2 * k));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Synth voices — each adds one note into a Float32Array bus, with no per-sample allocation.
// ---------------------------------------------------------------------------------------------

const TAU = 2 * Math.PI;

// Sine lookup with linear interpolation: ~3× faster than Math.sin in the inner loops and
// accurate to about -130 dB with 4096 points — far below what a 64 kbps MP3 keeps.
const SINE_SIZE = 4096;
const SINE_TABLE = new Float32Array(SINE_SIZE + 1);
for (let k = 0; k <= SINE_SIZE; k++) SINE_TABLE[k] = Math.sin((TAU * k) / SINE_SIZE);

/** sin(2π·cycles) for cycles in [0, 1). */
function sineOf(cycles) {
  const x = cycles * SINE_SIZE;
  const i = x | 0;
  return SINE_TABLE[i] + (x - i) * (SINE_TABLE[i + 1] - SINE_TABLE[i]);
}

/** sin(2π·cycles) for any cycles (wraps first). */
const sineAny = (cycles) => sineOf(cycles - Math.floor(cycles));

/** PolyBLEP correction: removes most of the aliasing of a naive sawtooth. */
function polyBlep(t, dt) {
  if (t < dt) {
    t /= dt;
    return t + t - t * t - 1;
  }
  if (t > 1 - dt) {
    t = (t - 1) / dt;
    return t * t + t + t + 1;
  }
  return 0;
}

/** One-pole low-pass coefficient for a cutoff frequency. */
const onePole = (hz) => 1 - Math.exp((-TAU * Math.min(hz, SAMPLE_RATE * 0.45)) / SAMPLE_RATE);

/**
 * Subtractive voice used for pads, bass, leads and arps:
 * two detuned PolyBLEP saws + a sine/triangle, through a 2-pole low-pass with an optional
 * decaying filter envelope, shaped by an ADSR whose attack is a smooth S-curve
 * (a linear ramp on a pad sounds like a swell with a corner).
 *
 * p: { saw, sine, tri, detune (cents), attack, decay, sustain, release (s),
 *      cutoff (Hz), filterEnv (extra cutoff multiple at note start), filterDecay (s),
 *      vibrato (depth, fraction of freq), vibratoRate (Hz), phase (0..1) }
 */
function renderSynthNote(bus, startSec, lengthSec, freq, gain, p) {
  const start = Math.round(startSec * SAMPLE_RATE);
  const held = Math.max(1, Math.round(lengthSec * SAMPLE_RATE));
  const rel = Math.max(1, Math.round((p.release ?? 0.1) * SAMPLE_RATE));
  const end = Math.min(bus.length, start + held + rel);
  const att = Math.max(1, Math.round((p.attack ?? 0.01) * SAMPLE_RATE));
  const dec = Math.max(1, Math.round((p.decay ?? 0.2) * SAMPLE_RATE));
  const sustain = p.sustain ?? 1;
  const saw = p.saw ?? 0,
    sine = p.sine ?? 0,
    tri = p.tri ?? 0;
  const detune = 2 ** ((p.detune ?? 0) / 1200);
  const dtA = (freq * detune) / SAMPLE_RATE;
  const dtB = freq / detune / SAMPLE_RATE;
  const cutoff = p.cutoff ?? 2000;
  const filterEnv = p.filterEnv ?? 0;
  const filterDecay32 = Math.exp(-32 / ((p.filterDecay ?? 0.12) * SAMPLE_RATE)); // per 32-sample block
  const vibDepth = p.vibrato ?? 0;
  const vibInc = (p.vibratoRate ?? 5) / SAMPLE_RATE; // in cycles
  const vibDelay = Math.round(0.18 * SAMPLE_RATE); // vibrato fades in, like a player would
  let pA = p.phase ?? 0,
    pB = ((p.phase ?? 0) + 0.37) % 1,
    vib = 0;
  let fEnv = 1,
    coef = onePole(cutoff * (1 + filterEnv)),
    lp1 = 0,
    lp2 = 0;

  for (let i = start, n = 0; i < end; i++, n++) {
    // Envelope: ADSR evaluated at min(n, held), times a linear release ramp.
    const m = Math.min(n, held);
    let env;
    if (m < att) {
      const x = m / att;
      env = x * x * (3 - 2 * x);
    } else if (m < att + dec) env = 1 - (1 - sustain) * ((m - att) / dec);
    else env = sustain;
    if (n >= held) env *= 1 - (n - held) / rel;

    // Oscillators.
    let fm = 1;
    if (vibDepth > 0 && n > vibDelay) {
      vib += vibInc;
      if (vib >= 1) vib -= 1;
      fm = 1 + vibDepth * Math.min(1, (n - vibDelay) / vibDelay) * sineOf(vib);
    }
    const incA = dtA * fm,
      incB = dtB * fm;
    let osc = 0;
    if (saw !== 0) osc += saw * 0.5 * (2 * pA - 1 - polyBlep(pA, incA) + 2 * pB - 1 - polyBlep(pB, incB));
    if (sine !== 0) osc += sine * sineOf(pA);
    if (tri !== 0) osc += tri * (4 * Math.abs(pB - 0.5) - 1);
    pA += incA;
    if (pA >= 1) pA -= 1;
    pB += incB;
    if (pB >= 1) pB -= 1;

    // Filter; the envelope-swept coefficient is refreshed every 32 samples (Math.exp is not free).
    if (filterEnv !== 0 && (n & 31) === 31) {
      fEnv *= filterDecay32;
      coef = onePole(cutoff * (1 + filterEnv * fEnv));
    }
    lp1 += coef * (osc - lp1);
    lp2 += coef * (lp1 - lp2);
    bus[i] += lp2 * env * gain;
  }
}

/** Two-operator FM bell / electric-piano tone: the modulation index decays faster than the note. */
function renderBellNote(bus, startSec, lengthSec, freq, gain) {
  const start = Math.round(startSec * SAMPLE_RATE);
  const ring = Math.round(Math.min(lengthSec + 0.9, 2.6) * SAMPLE_RATE);
  const end = Math.min(bus.length, start + ring);
  const fadeFrom = ring - Math.round(0.25 * SAMPLE_RATE);
  const attack = Math.round(0.004 * SAMPLE_RATE);
  const ampDecay = Math.exp(-1 / (0.85 * SAMPLE_RATE));
  const indexDecay = Math.exp(-1 / (0.22 * SAMPLE_RATE));
  const carInc = freq / SAMPLE_RATE; // phases in cycles
  const modInc = (freq * 2) / SAMPLE_RATE; // ratio 2 keeps the partials harmonic
  let car = 0,
    mod = 0,
    amp = 1,
    index = 2.2;
  for (let i = start, n = 0; i < end; i++, n++) {
    let env = amp * (n < attack ? n / attack : 1);
    if (n > fadeFrom) env *= (ring - n) / (ring - fadeFrom);
    // Modulation index is in radians, hence the division by 2π when adding it to a phase in cycles.
    bus[i] += gain * env * sineAny(car + ((index + 0.25) / TAU) * sineOf(mod));
    car += carInc;
    if (car >= 1) car -= 1;
    mod += modInc;
    if (mod >= 1) mod -= 1;
    amp *= ampDecay;
    index *= indexDecay;
  }
}

const KS_MAX = 4096;
const ksLine = new Float32Array(KS_MAX); // shared delay line: notes render one at a time

/**
 * Karplus–Strong plucked string. A first-order all-pass supplies the fractional part of the
 * loop delay; without it high notes would be audibly out of tune.
 */
function renderPluckNote(bus, startSec, lengthSec, freq, gain, rand) {
  const start = Math.round(startSec * SAMPLE_RATE);
  const ring = Math.round(Math.min(lengthSec + 1.2, 3) * SAMPLE_RATE);
  const end = Math.min(bus.length, start + ring);
  const period = SAMPLE_RATE / freq - 0.5; // the two-point average adds half a sample
  const N = Math.min(KS_MAX, Math.floor(period - 0.1));
  const d = period - N;
  const C = (1 - d) / (1 + d);
  // Excitation: a softened noise burst (brighter = more "paper", less "nylon").
  let s = 0;
  for (let k = 0; k < N; k++) {
    s += 0.55 * (rand() * 2 - 1 - s);
    ksLine[k] = s;
  }
  const damping = 0.996;
  const fadeFrom = ring - Math.round(0.2 * SAMPLE_RATE);
  let idx = 0,
    prev = 0,
    apX = 0,
    apY = 0;
  for (let i = start, n = 0; i < end; i++, n++) {
    const y = ksLine[idx];
    const avg = 0.5 * (y + prev) * damping;
    prev = y;
    const ap = C * avg + apX - C * apY;
    apX = avg;
    apY = ap;
    ksLine[idx] = ap;
    if (++idx >= N) idx = 0;
    const env = n > fadeFrom ? (ring - n) / (ring - fadeFrom) : 1;
    bus[i] += gain * env * y;
  }
}

// ---------------------------------------------------------------------------------------------
// Drum voices
// ---------------------------------------------------------------------------------------------

/** Kick: a sine whose pitch sweeps 150 → 45 Hz while the amplitude decays, plus a tiny click. */
function renderKick(bus, startSec, gain) {
  const start = Math.round(startSec * SAMPLE_RATE);
  const end = Math.min(bus.length, start + Math.round(0.5 * SAMPLE_RATE));
  const pitchDecay = Math.exp(-1 / (0.035 * SAMPLE_RATE));
  const ampDecay = Math.exp(-1 / (0.16 * SAMPLE_RATE));
  const click = Math.round(0.002 * SAMPLE_RATE);
  let phase = 0,
    sweep = 1,
    amp = 1;
  for (let i = start, n = 0; i < end; i++, n++) {
    const f = 45 + 105 * sweep;
    phase += f / SAMPLE_RATE;
    if (phase >= 1) phase -= 1;
    let x = sineOf(phase) * amp;
    if (n < click) x += 0.3 * (1 - n / click);
    bus[i] += gain * x;
    sweep *= pitchDecay;
    amp *= ampDecay;
  }
}

/** Hi-hat: white noise through two one-pole high-passes, with a fast exponential decay. */
function renderHat(bus, startSec, gain, decaySec, rand) {
  const start = Math.round(startSec * SAMPLE_RATE);
  const end = Math.min(bus.length, start + Math.round(decaySec * 6 * SAMPLE_RATE));
  const ampDecay = Math.exp(-1 / (decaySec * SAMPLE_RATE));
  const a = onePole(6500);
  let lp1 = 0,
    lp2 = 0,
    amp = 1;
  for (let i = start; i < end; i++) {
    const x = rand() * 2 - 1;
    lp1 += a * (x - lp1);
    const h1 = x - lp1;
    lp2 += a * (h1 - lp2);
    bus[i] += gain * amp * (h1 - lp2);
    amp *= ampDecay;
  }
}

/** Snare: band-limited noise plus a short pitched body. */
function renderSnare(bus, startSec, gain, rand) {
  const start = Math.round(startSec * SAMPLE_RATE);
  const end = Math.min(bus.length, start + Math.round(0.35 * SAMPLE_RATE));
  const noiseDecay = Math.exp(-1 / (0.07 * SAMPLE_RATE));
  const toneDecay = Math.exp(-1 / (0.04 * SAMPLE_RATE));
  const hp = onePole(900),
    lp = onePole(5000);
  let hpState = 0,
    lpState = 0,
    noiseAmp = 1,
    toneAmp = 1,
    phase = 0;
  for (let i = start; i < end; i++) {
    const x = rand() * 2 - 1;
    hpState += hp * (x - hpState);
    lpState += lp * (x - hpState - lpState);
    phase += 185 / SAMPLE_RATE;
    if (phase >= 1) phase -= 1;
    bus[i] += gain * (0.8 * lpState * noiseAmp + 0.5 * sineOf(phase) * toneAmp);
    noiseAmp *= noiseDecay;
    toneAmp *= toneDecay;
  }
}

// ---------------------------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------------------------

/** In-place feedback echo (dotted eighth) with a darkening low-pass in the loop. */
function applyEcho(bus, delaySec, feedback) {
  const D = Math.round(delaySec * SAMPLE_RATE);
  const a = onePole(2500);
  let lp = 0;
  for (let i = D; i < bus.length; i++) {
    lp += a * (bus[i - D] - lp);
    bus[i] += feedback * lp;
  }
}

/** Small mono Schroeder/Freeverb-style reverb: 4 damped combs into 2 all-passes. */
class Reverb {
  constructor() {
    const scale = SAMPLE_RATE / 44100;
    this.combs = [1116, 1188, 1277, 1356].map((n) => ({ buf: new Float32Array(Math.round(n * scale)), i: 0, lp: 0 }));
    this.allpasses = [556, 441].map((n) => ({ buf: new Float32Array(Math.round(n * scale)), i: 0 }));
    this.feedback = 0.83;
    this.damp = 0.3;
  }

  process(x) {
    let sum = 0;
    for (const c of this.combs) {
      const y = c.buf[c.i];
      c.lp = y + this.damp * (c.lp - y);
      c.buf[c.i] = x + this.feedback * c.lp;
      if (++c.i >= c.buf.length) c.i = 0;
      sum += y;
    }
    let out = sum * 0.25;
    for (const ap of this.allpasses) {
      const y = ap.buf[ap.i];
      ap.buf[ap.i] = out + 0.5 * y;
      if (++ap.i >= ap.buf.length) ap.i = 0;
      out = y - out;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Composition: sections, chords, bass line, melody
// ---------------------------------------------------------------------------------------------

/**
 * Splits the bars into intro → groove → main A → breakdown → main B → outro, keeping section
 * boundaries on whole chord cycles so phrases line up with the progression.
 * Returns one { section, barInSection } per bar.
 */
function arrangement(track) {
  const { bars } = track;
  const cycle = track.music.progression.length * track.music.chordBars;
  const intro = cycle >= 8 ? 8 : 4;
  const bodyStart = intro + 8;
  const bodyEnd = bodyStart + Math.floor((bars - bodyStart - 4) / cycle) * cycle;
  const breakLength = 8;
  const breakStart = bodyStart + Math.round((bodyEnd - bodyStart - breakLength) / 2 / cycle) * cycle;
  const sections = [
    ['intro', 0, intro],
    ['groove', intro, bodyStart],
    ['mainA', bodyStart, breakStart],
    ['break', breakStart, breakStart + breakLength],
    ['mainB', breakStart + breakLength, bodyEnd],
    ['outro', bodyEnd, bars],
  ];
  const perBar = [];
  for (const [section, from, to] of sections) {
    for (let b = from; b < to; b++) perBar.push({ section, barInSection: b - from, sectionLength: to - from });
  }
  if (perBar.length !== bars) throw new Error(`${track.id}: arrangement covers ${perBar.length} of ${bars} bars`);
  return perBar;
}

/** What plays in each section. */
const LAYERS = {
  intro: { pad: 1, bass: 0, kick: 0, snare: 0, hat: 0, lead: 0, arp: 0 },
  groove: { pad: 1, bass: 1, kick: 0, snare: 0, hat: 1, lead: 0, arp: 0 },
  mainA: { pad: 1, bass: 1, kick: 1, snare: 1, hat: 1, lead: 1, arp: 1 },
  break: { pad: 1, bass: 0, kick: 0, snare: 0, hat: 0, lead: 0.8, arp: 0 },
  mainB: { pad: 1, bass: 1, kick: 1, snare: 1, hat: 1, lead: 1, arp: 1 },
  outro: { pad: 1, bass: 1, kick: 0, snare: 0, hat: 1, lead: 0, arp: 0 },
};

/** Scale degree of the chord in each bar; the last two bars resolve to the tonic. */
function chordPlan(track) {
  const { progression, chordBars } = track.music;
  const plan = [];
  for (let b = 0; b < track.bars; b++) plan.push(progression[Math.floor(b / chordBars) % progression.length]);
  plan[track.bars - 1] = 0;
  plan[track.bars - 2] = 0;
  return plan;
}

/** Rhythm cells in 16th steps within one beat: [offset, length] pairs. `half` spans two beats. */
const CELLS = {
  quarter: [[0, 4]],
  eighths: [
    [0, 2],
    [2, 2],
  ],
  dotted: [
    [0, 3],
    [3, 1],
  ],
  half: [[0, 8]],
  offbeat: [[2, 2]],
  run: [
    [0, 1],
    [1, 1],
    [2, 2],
  ],
  rest: [],
};

const RHYTHM_STYLES = {
  sparse: { half: 5, quarter: 3, eighths: 1, offbeat: 1, rest: 3 },
  calm: { half: 3, quarter: 4, eighths: 2, dotted: 1, offbeat: 1, rest: 2 },
  lively: { quarter: 3, eighths: 4, dotted: 2, offbeat: 2, run: 1, rest: 1.5 },
  busy: { quarter: 2, eighths: 4, dotted: 2, offbeat: 3, run: 1.5, rest: 1.5 },
};

/**
 * A 2-bar motif: a rhythm drawn from the track's style and a melodic random walk over the
 * melody scale (mostly steps, occasional leaps, pulled back toward the middle of the range).
 * Notes are { step (16ths from motif start), len (16ths), index (scale index) }.
 */
function makeMotif(rand, style, scaleLength, startIndex, endOnTonic) {
  const notes = [];
  let index = startIndex;
  const low = -3,
    high = scaleLength + 3,
    centre = Math.round(scaleLength * 0.6);
  for (let beat = 0; beat < 8; beat++) {
    let cell = pickWeighted(rand, RHYTHM_STYLES[style]);
    if (beat === 0 && (cell === 'rest' || cell === 'offbeat')) cell = 'quarter'; // phrases start on the beat
    if (cell === 'half' && beat === 7) cell = 'quarter';
    for (const [offset, len] of CELLS[cell]) {
      const r = rand();
      let move = r < 0.3 ? 1 : r < 0.6 ? -1 : r < 0.72 ? 0 : r < 0.84 ? 2 : r < 0.94 ? -2 : rand() < 0.5 ? 3 : -3;
      if (rand() < 0.3) move = Math.sign(centre - index) || move; // gravity toward the centre
      if (notes.length === 0) move = 0;
      index = Math.max(low, Math.min(high, index + move));
      notes.push({ step: beat * 4 + offset, len, index });
    }
    if (cell === 'half') beat++;
  }
  if (endOnTonic && notes.length > 0) {
    const last = notes[notes.length - 1];
    last.index = Math.abs(last.index - scaleLength) < Math.abs(last.index) ? scaleLength : 0;
    last.len = Math.max(last.len, 4);
  }
  return notes;
}

/** Two 8-bar themes built A B A C / A B' A C' from 2-bar motifs — repetition makes it a tune. */
function makeThemes(track) {
  const rand = rngFor(track, 'melody');
  const { lead, melodyScale } = track.music;
  const n = SCALES[melodyScale].length;
  const starts = n === 5 ? [0, 2, 3] : [0, 2, 4];
  const start = () => starts[Math.floor(rand() * starts.length)];
  const A = makeMotif(rand, lead.rhythm, n, start(), false);
  const B1 = makeMotif(rand, lead.rhythm, n, start(), false);
  const C1 = makeMotif(rand, lead.rhythm, n, start(), true);
  const B2 = makeMotif(rand, lead.rhythm, n, start(), false);
  const C2 = makeMotif(rand, lead.rhythm, n, start(), true);
  const theme = (parts) => parts.flatMap((m, k) => m.map((note) => ({ ...note, step: note.step + k * 32 })));
  return [theme([A, B1, A, C1]), theme([A, B2, A, C2])];
}

/**
 * Nudges a melody note onto a chord tone when it falls on a strong beat or is held,
 * so melody and harmony agree no matter where the random walk went.
 */
function fitToChord(music, index, chordPcs, strong) {
  const scale = SCALES[music.melodyScale];
  const root = music.lead.root;
  const pc = (i) => ((scalePitch(root, scale, i) % 12) + 12) % 12;
  if (!strong || chordPcs.has(pc(index))) return scalePitch(root, scale, index);
  for (const delta of [-1, 1, -2, 2]) {
    if (chordPcs.has(pc(index + delta))) return scalePitch(root, scale, index + delta);
  }
  return scalePitch(root, scale, index);
}

const BASS_VOICE = { attack: 0.006, decay: 0.25, sustain: 0.75, release: 0.07, sine: 1 };
const ARP_VOICE = { saw: 0.6, sine: 0.4, attack: 0.003, decay: 0.14, sustain: 0, release: 0.05, cutoff: 2600, detune: 5 };
const LEAD_VOICES = {
  soft: { tri: 0.5, sine: 0.7, attack: 0.06, decay: 0.4, sustain: 0.8, release: 0.35, cutoff: 2200, vibrato: 0.004, vibratoRate: 4.8 },
  synth: {
    saw: 0.8,
    sine: 0.3,
    detune: 6,
    attack: 0.012,
    decay: 0.25,
    sustain: 0.7,
    release: 0.18,
    cutoff: 1600,
    filterEnv: 2,
    filterDecay: 0.15,
    vibrato: 0.003,
    vibratoRate: 5.5,
  },
};

/** Renders the whole song into three buses: dry (bass + drums), pad, lead (lead + arp). */
function composeTrack(track, buses) {
  const { music } = track;
  const beat = 60 / track.bpm;
  const barLen = 4 * beat;
  const step = beat / 4;
  const plan = chordPlan(track);
  const bars = arrangement(track);
  const themes = makeThemes(track);
  const noise = rngFor(track, 'noise');
  const feel = rngFor(track, 'dynamics');
  const chordSets = plan.map((degree) => new Set(chordPitches(music, degree).map((p) => ((p % 12) + 12) % 12)));

  // Pads: one sustained chord per run of bars with the same chord (the attack/release overlap
  // between runs makes the changes seamless).
  for (let b = 0; b < track.bars; ) {
    let e = b + 1;
    while (e < track.bars && plan[e] === plan[b] && e % music.chordBars !== 0) e++;
    const pitches = voiceChord(chordPitches(music, plan[b]), 52);
    pitches.forEach((p, k) => {
      renderSynthNote(buses.pad, b * barLen, (e - b) * barLen + 0.05, midiToHz(p), music.pad.gain / Math.sqrt(pitches.length), {
        ...music.pad,
        sustain: 1,
        decay: 0.1,
        phase: (k * 0.29 + b * 0.13) % 1,
      });
    });
    // A soft root an octave below the pad window keeps the pad-only intro from sounding thin.
    renderSynthNote(buses.pad, b * barLen, (e - b) * barLen + 0.05, midiToHz(pitches[0] - 12), music.pad.gain * 0.25, {
      ...music.pad,
      saw: 0,
      sine: 1,
      sustain: 1,
      decay: 0.1,
    });
    b = e;
  }

  for (let b = 0; b < track.bars; b++) {
    const { section, barInSection, sectionLength } = bars[b];
    const layers = LAYERS[section];
    const t0 = b * barLen;
    const chord = chordPitches(music, plan[b]);
    const lastBars = sectionLength - barInSection; // bars left in this section, incl. this one

    // Bass: pattern letters R(oot) F(ifth) O(ctave), '-' ties, '.' rests.
    if (layers.bass && !(section === 'outro' && lastBars <= 2)) {
      const root = intoWindow(chord[0], 36);
      const fifth = root + intoWindow(chord[2] - chord[0], 0); // the chord's own fifth (diminished ones too)
      const pattern = music.bass.pattern;
      for (let s = 0; s < 16; s++) {
        const ch = pattern[s];
        if (ch !== 'R' && ch !== 'F' && ch !== 'O') continue;
        let len = 1;
        while (s + len < 16 && pattern[s + len] === '-') len++;
        const pitch = ch === 'F' ? fifth : ch === 'O' ? root + 12 : root;
        renderSynthNote(buses.dry, t0 + s * step, len * step * 0.92, midiToHz(pitch), music.bass.gain, {
          ...BASS_VOICE,
          saw: music.bass.saw,
          cutoff: music.bass.cutoff,
          filterEnv: music.bass.filterEnv ?? 0,
        });
      }
    }

    // Drums: 16-step patterns, 'x' = accent, 'o' = ghost.
    const d = music.drums;
    const vel = (ch) => (ch === 'x' ? 1 : ch === 'o' ? 0.5 : 0) * (0.9 + 0.2 * feel());
    const hatsOn = layers.hat && !(section === 'outro' && barInSection >= 2);
    for (let s = 0; s < 16; s++) {
      const t = t0 + s * step;
      if (layers.kick && d.kick[s] && d.kick[s] !== '.') renderKick(buses.dry, t, d.kickGain * vel(d.kick[s]));
      if (layers.snare && d.snare[s] && d.snare[s] !== '.') renderSnare(buses.dry, t, d.snareGain * vel(d.snare[s]), noise);
      if (hatsOn && d.hat[s] && d.hat[s] !== '.') {
        // In the groove section the hats come in gradually.
        const ramp = section === 'groove' ? 0.5 + 0.5 * (barInSection / sectionLength) : 1;
        renderHat(buses.dry, t, d.hatGain * vel(d.hat[s]) * ramp, s % 4 === 2 ? 0.045 : 0.025, noise);
      }
    }

    // Arpeggio: chord tones cycling upward at 8ths or 16ths.
    if (layers.arp && music.arp) {
      const tones = chord
        .slice(0, 3)
        .map((p) => intoWindow(p, music.key) + music.arp.octave)
        .sort((a, c) => a - c);
      tones.push(tones[0] + 12);
      const every = 16 / music.arp.rate; // in 16th steps
      for (let s = 0, k = 0; s < 16; s += every, k++) {
        renderSynthNote(
          buses.lead,
          t0 + s * step,
          step * every * 0.8,
          midiToHz(tones[k % tones.length]),
          music.arp.gain * (s % 4 === 0 ? 1 : 0.75),
          ARP_VOICE,
        );
      }
    }

    // Lead melody: themes alternate every 8 bars (main B starts on the second theme);
    // in the breakdown only the on-beat notes play, held longer, for a calmer restatement.
    if (layers.lead) {
      const themeIndex = (Math.floor(barInSection / 8) + (section === 'mainB' ? 1 : 0)) % 2;
      const theme = themes[themeIndex];
      const barInTheme = barInSection % 8;
      for (const note of theme) {
        if (note.step < barInTheme * 16 || note.step >= (barInTheme + 1) * 16) continue;
        const s = note.step - barInTheme * 16;
        if (section === 'break' && s % 4 !== 0) continue;
        const len = section === 'break' ? Math.max(note.len, 4) : note.len;
        const strong = s % 8 === 0 || len >= 4;
        const pitch = fitToChord(music, note.index, chordSets[b], strong);
        const start = t0 + s * step;
        const gain = music.lead.gain * layers.lead * (s % 4 === 0 ? 1 : 0.8) * (0.9 + 0.2 * feel());
        const freq = midiToHz(pitch);
        const seconds = len * step * 0.95;
        if (music.lead.voice === 'bell') renderBellNote(buses.lead, start, seconds, freq, gain);
        else if (music.lead.voice === 'pluck') renderPluckNote(buses.lead, start, seconds, freq, gain, noise);
        else renderSynthNote(buses.lead, start, seconds, freq, gain, LEAD_VOICES[music.lead.voice]);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Mixdown
// ---------------------------------------------------------------------------------------------

/**
 * Sums the buses (with echo on the lead and a shared reverb), removes DC, applies fades,
 * then levels the track to its target loudness through a tanh soft clipper so that no
 * sample can exceed the ceiling. The result is written into `buses.dry` and returned.
 */
function mixdown(track, buses) {
  const { music } = track;
  const beat = 60 / track.bpm;
  applyEcho(buses.lead, beat * 0.75, 0.32);

  const out = buses.dry;
  const { pad, lead } = buses;
  const reverb = new Reverb();
  const wet = music.reverb;
  const dcCoef = onePole(25);
  const n = out.length;
  const fadeIn = Math.round(1.5 * SAMPLE_RATE);
  const fadeOut = Math.round(9 * SAMPLE_RATE);
  let dc = 0,
    sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const dry = out[i];
    const send = pad[i] * 0.7 + lead[i] * 0.5 + dry * 0.08;
    let x = dry + pad[i] + lead[i] + wet * reverb.process(send);
    dc += dcCoef * (x - dc);
    x -= dc;
    if (i < fadeIn) x *= 0.5 - 0.5 * Math.cos((Math.PI * i) / fadeIn);
    const left = n - i;
    if (left < fadeOut) x *= 0.5 - 0.5 * Math.cos((Math.PI * left) / fadeOut);
    out[i] = x;
    sumSquares += x * x;
  }

  const rms = Math.sqrt(sumSquares / n);
  const ceiling = 0.95;
  const gain = music.targetRms / Math.max(rms, 1e-9);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const y = ceiling * Math.tanh((out[i] * gain) / ceiling); // ~linear when quiet, rounds off peaks
    out[i] = y;
    const a = y < 0 ? -y : y;
    if (a > peak) peak = a;
  }
  return { buffer: out, peak, rms: rms * gain };
}

/** Full synthesis of one track into a Float32Array of exactly duration × SAMPLE_RATE samples. */
export function renderTrack(track) {
  const samples = Math.round(track.duration * SAMPLE_RATE);
  const musicSeconds = (track.bars * 4 * 60) / track.bpm;
  const tail = track.duration - musicSeconds;
  if (tail < 2.5 || tail > 6) {
    throw new Error(
      `${track.id}: ${track.bars} bars at ${track.bpm} bpm leave a ${tail.toFixed(2)} s tail in ${track.duration} s (want 2.5–6 s)`,
    );
  }
  const buses = { dry: new Float32Array(samples), pad: new Float32Array(samples), lead: new Float32Array(samples) };
  composeTrack(track, buses);
  const mixed = mixdown(track, buses);
  if (mixed.buffer.length !== samples) throw new Error(`${track.id}: rendered ${mixed.buffer.length} samples, expected ${samples}`);
  return mixed;
}

// ---------------------------------------------------------------------------------------------
// MP3 encoding and verification
// ---------------------------------------------------------------------------------------------

/** Encodes mono float samples to a CBR MP3 with lamejs, feeding it one frame at a time. */
async function encodeMp3(samples) {
  const { Mp3Encoder } = await import('@breezystack/lamejs');
  const encoder = new Mp3Encoder(1, SAMPLE_RATE, BITRATE_KBPS);
  const chunk = new Int16Array(MP3_FRAME);
  const parts = [];
  const push = (bytes) => {
    // lamejs returns a fresh Int8Array per call, so a zero-copy Buffer view is safe.
    if (bytes.length > 0) parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  };
  for (let offset = 0; offset < samples.length; offset += MP3_FRAME) {
    const count = Math.min(MP3_FRAME, samples.length - offset);
    for (let j = 0; j < count; j++) {
      const v = Math.round(samples[offset + j] * 32767);
      chunk[j] = v > 32767 ? 32767 : Math.max(v, -32768);
    }
    push(encoder.encodeBuffer(count === MP3_FRAME ? chunk : chunk.subarray(0, count)));
  }
  push(encoder.flush());
  return Buffer.concat(parts);
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MPEG1_RATES = [44100, 48000, 32000];

/**
 * Walks the MPEG audio frames of an MP3 (skipping an ID3v2 tag) and checks that the file is
 * nothing but well-formed Layer III frames at the expected rate and bitrate.
 */
export function inspectMp3(buf) {
  let offset = 0;
  if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'ID3') {
    offset = 10 + ((buf[6] << 21) | (buf[7] << 14) | (buf[8] << 7) | buf[9]);
  }
  let frames = 0,
    sampleRate = 0,
    kbps = 0,
    samplesPerFrame = 0,
    mono = true;
  while (offset + 4 <= buf.length) {
    const h = buf.readUInt32BE(offset);
    if (h >>> 21 !== 0x7ff) throw new Error(`no MPEG frame sync at byte ${offset}`);
    const version = (h >>> 19) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    const layer = (h >>> 17) & 3; // 1 = Layer III
    if (layer !== 1 || version === 1) throw new Error(`unexpected MPEG version/layer at byte ${offset}`);
    const mpeg1 = version === 3;
    kbps = (mpeg1 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[(h >>> 12) & 15];
    sampleRate = MPEG1_RATES[(h >>> 10) & 3] / (mpeg1 ? 1 : version === 2 ? 2 : 4);
    samplesPerFrame = mpeg1 ? 1152 : 576;
    const padding = (h >>> 9) & 1;
    if (((h >>> 6) & 3) !== 3) mono = false; // channel mode 3 = single channel
    const length = Math.floor(((samplesPerFrame / 8) * kbps * 1000) / sampleRate) + padding;
    if (!kbps || !sampleRate || length < 4) throw new Error(`bad frame header at byte ${offset}`);
    offset += length;
    frames++;
  }
  if (offset !== buf.length) throw new Error(`trailing ${buf.length - offset} bytes after the last frame`);
  return { frames, sampleRate, kbps, samplesPerFrame, mono, seconds: (frames * samplesPerFrame) / (sampleRate || 1) };
}

/** Worker-side job: render, encode, verify and write one track. */
async function buildTrackFile(track) {
  const started = performance.now();
  const { buffer, peak, rms } = renderTrack(track);
  const mp3 = await encodeMp3(buffer);
  const info = inspectMp3(mp3);
  if (info.sampleRate !== SAMPLE_RATE || info.kbps !== BITRATE_KBPS || !info.mono) {
    throw new Error(`${track.id}: encoded ${info.sampleRate} Hz / ${info.kbps} kbps / mono=${info.mono}`);
  }
  // The encoder adds its priming delay plus padding to whole frames: never more than a few frames.
  const extra = info.frames * info.samplesPerFrame - buffer.length;
  if (extra < 0 || extra > 3 * info.samplesPerFrame) {
    throw new Error(`${track.id}: ${info.frames} MP3 frames do not match ${buffer.length} samples`);
  }
  writeAtomic(path.join(AUDIO_DIR, `${track.id}.mp3`), mp3);
  return {
    id: track.id,
    samples: buffer.length,
    bytes: mp3.length,
    frames: info.frames,
    mp3Seconds: info.seconds,
    peak,
    rms,
    ms: performance.now() - started,
  };
}

// ---------------------------------------------------------------------------------------------
// Artwork
// ---------------------------------------------------------------------------------------------

function hslToHex(h, s, l) {
  h = ((h % 360) + 360) % 360;
  s /= 100;
  l /= 100;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return `#${[channel(0), channel(8), channel(4)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

const r1 = (v) => Math.round(v * 10) / 10;

/**
 * A 512×512 abstract cover: a two-colour gradient sky, soft glowing orbs, a ring motif and
 * layered sine "waves" whose last layer is filled like a horizon. Shapes only — no text, so
 * nothing depends on fonts.
 */
export function renderArtwork(track) {
  const rand = rngFor(track, `art:${track.art.seedSalt}`);
  const [h1, h2, h3] = track.art.hues;
  const id = (name) => `${track.id}-${name}`;
  const defs = [];
  const body = [];

  const angle = rand() * Math.PI;
  const gx = r1(50 + 50 * Math.cos(angle)),
    gy = r1(50 + 50 * Math.sin(angle));
  defs.push(
    `<linearGradient id="${id('bg')}" x1="${r1(100 - gx)}%" y1="${r1(100 - gy)}%" x2="${gx}%" y2="${gy}%">` +
      `<stop offset="0" stop-color="${hslToHex(h1, 70, 22)}"/><stop offset="1" stop-color="${hslToHex(h2, 65, 48)}"/></linearGradient>`,
  );
  body.push(`<rect width="512" height="512" fill="url(#${id('bg')})"/>`);

  // Glowing orbs: radial gradients fading to transparent.
  const orbs = 3 + Math.floor(rand() * 3);
  for (let k = 0; k < orbs; k++) {
    const hue = [h1, h2, h3][k % 3] + (rand() - 0.5) * 30;
    defs.push(
      `<radialGradient id="${id(`orb${k}`)}"><stop offset="0" stop-color="${hslToHex(hue, 85, 72)}" stop-opacity="0.85"/>` +
        `<stop offset="1" stop-color="${hslToHex(hue, 85, 60)}" stop-opacity="0"/></radialGradient>`,
    );
    body.push(
      `<circle cx="${r1(60 + rand() * 392)}" cy="${r1(50 + rand() * 260)}" r="${r1(70 + rand() * 150)}" fill="url(#${id(`orb${k}`)})"/>`,
    );
  }

  // Concentric rings around a focal point (a sun, a speaker, a ripple — whatever you see).
  const fx = r1(130 + rand() * 252),
    fy = r1(110 + rand() * 140);
  const rings = 3 + Math.floor(rand() * 4);
  body.push(`<circle cx="${fx}" cy="${fy}" r="${r1(26 + rand() * 20)}" fill="${hslToHex(h3, 90, 82)}" fill-opacity="0.9"/>`);
  for (let k = 1; k <= rings; k++) {
    body.push(
      `<circle cx="${fx}" cy="${fy}" r="${r1(40 + k * (18 + rand() * 10))}" fill="none" stroke="#ffffff" stroke-opacity="${r1(0.32 - k * 0.04)}" stroke-width="${r1(1 + rand() * 2.5)}"/>`,
    );
  }

  // Waves, back to front; the frontmost is filled to the bottom edge.
  const waves = 4 + Math.floor(rand() * 4);
  for (let k = 0; k < waves; k++) {
    const base = 300 + k * (170 / waves) + rand() * 20;
    const amp = 8 + rand() * 30;
    const cycles = 1 + rand() * 2.5;
    const phase = rand() * Math.PI * 2;
    const points = [];
    for (let x = 0; x <= 512; x += 16) {
      const y =
        base + amp * Math.sin((x / 512) * cycles * Math.PI * 2 + phase) + amp * 0.3 * Math.sin((x / 512) * cycles * 5.3 + phase * 2);
      points.push(`${x} ${r1(y)}`);
    }
    const colour = hslToHex([h2, h3, h1][k % 3] + (rand() - 0.5) * 20, 70, 55 + k * 4);
    const last = k === waves - 1;
    body.push(
      last
        ? `<path d="M${points.join('L')}L512 512L0 512Z" fill="${hslToHex(h1, 55, 14)}" fill-opacity="0.75"/>`
        : `<path d="M${points.join('L')}" fill="none" stroke="${colour}" stroke-opacity="${r1(0.35 + rand() * 0.4)}" stroke-width="${r1(2 + rand() * 5)}" stroke-linecap="round"/>`,
    );
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">` +
    `<defs>${defs.join('')}</defs>${body.join('')}</svg>\n`
  );
}

// ---------------------------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------------------------

/**
 * Write-then-rename, so a reader (the dev server, a test) or a second generator running at the
 * same time never sees a half-written file. Output is deterministic, so concurrent runs agree.
 */
function writeAtomic(file, data) {
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

function outputFiles() {
  return TRACKS.flatMap((t) => [path.join(AUDIO_DIR, `${t.id}.mp3`), path.join(ART_DIR, `${t.id}.svg`)]);
}

function sourceHash() {
  return createHash('sha256').update(readFileSync(SELF, 'utf8')).digest('hex');
}

function isUpToDate(hash) {
  try {
    return readFileSync(HASH_FILE, 'utf8').trim() === hash && outputFiles().every((f) => existsSync(f));
  } catch {
    return false;
  }
}

/**
 * Renders tracks on long-lived worker threads (synthesis + MP3 encoding is CPU-bound).
 * Workers are reused across tracks because warming up the JIT for lamejs costs seconds;
 * the longest tracks go first so the lanes finish at about the same time.
 */
async function buildAllTracks(jobs, onDone) {
  const queue = TRACKS.map((_, index) => index).sort((a, b) => TRACKS[b].duration - TRACKS[a].duration);
  const results = [];
  const lane = async () => {
    const worker = new Worker(SELF, { workerData: { demoLibraryWorker: true } });
    try {
      while (queue.length > 0) {
        const index = queue.shift();
        const reply = await new Promise((resolve, reject) => {
          const onExit = (code) => reject(new Error(`worker exited with code ${code} while building ${TRACKS[index].id}`));
          worker.once('exit', onExit);
          worker.once('error', reject);
          worker.once('message', (message) => {
            worker.off('exit', onExit);
            worker.off('error', reject);
            resolve(message);
          });
          worker.postMessage(index);
        });
        if (!reply.ok) throw new Error(`${TRACKS[index].id}: ${reply.error}`);
        results.push(reply.result);
        onDone(reply.result);
      }
    } catch (error) {
      queue.length = 0; // stop the other lanes too: the run has failed
      throw error;
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return TRACKS.map((t) => results.find((r) => r.id === t.id));
}

async function main(argv) {
  const force = argv.includes('--force');
  const jobsArg = argv.find((a) => a.startsWith('--jobs='));
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const jobs = Math.max(1, Math.min(TRACKS.length, jobsArg ? Number(jobsArg.slice(7)) || 1 : cpus));
  const hash = sourceHash();

  if (!force && isUpToDate(hash)) {
    console.log(`demo library: up to date (${TRACKS.length} tracks)`);
    return;
  }

  const started = performance.now();
  mkdirSync(AUDIO_DIR, { recursive: true });
  mkdirSync(ART_DIR, { recursive: true });
  rmSync(HASH_FILE, { force: true }); // an interrupted run must not look up to date

  for (const track of TRACKS) writeAtomic(path.join(ART_DIR, `${track.id}.svg`), renderArtwork(track));

  await buildAllTracks(jobs, (r) => {
    const t = TRACKS.find((x) => x.id === r.id);
    const size = statSync(path.join(AUDIO_DIR, `${r.id}.mp3`)).size;
    console.log(
      `demo library: ${r.id} ${JSON.stringify(t.title)} ${(r.samples / SAMPLE_RATE).toFixed(1)} s, ` +
        `${(size / 1024).toFixed(0)} KiB (${r.frames} frames), peak ${r.peak.toFixed(2)}, ${(r.ms / 1000).toFixed(1)} s`,
    );
  });

  writeAtomic(HASH_FILE, `${hash}\n`);
  console.log(
    `demo library: generated ${TRACKS.length} tracks in ${((performance.now() - started) / 1000).toFixed(1)} s with ${jobs} worker(s)`,
  );
  console.log('demo library: public/library.json must contain exactly:');
  console.log(JSON.stringify(buildLibrary(), null, 2));
}

if (!isMainThread && workerData?.demoLibraryWorker) {
  // Worker thread: build each track index the main thread sends, one at a time.
  parentPort.on('message', (index) => {
    buildTrackFile(TRACKS[index]).then(
      (result) => parentPort.postMessage({ ok: true, result }),
      (error) => parentPort.postMessage({ ok: false, error: String(error?.stack ?? error) }),
    );
  });
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`demo library: generation failed: ${error?.stack ?? error}`);
    process.exitCode = 1;
  });
}
