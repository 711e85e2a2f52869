import { noChange } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';

/**
 * Sets one style property through the CSSOM, from the first render on: the app's Content-Security-Policy
 * refuses style attributes, and Lit's styleMap writes its first render as one (the rows showed at the top
 * of the list for a frame, a layout shift, until their second render).
 */
class StyledDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styled goes on an element');
  }

  render(_property: string, _value: string): unknown {
    return noChange;
  }

  override update(part: ElementPart, [property, value]: [string, string]): unknown {
    const style = (part.element as HTMLElement).style;
    if (style.getPropertyValue(property) !== value) style.setProperty(property, value);
    return noChange;
  }
}

/** `<div ${styled('top', '12px')}>`: see StyledDirective. */
export const styled = directive(StyledDirective);
