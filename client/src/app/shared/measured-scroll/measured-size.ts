import { VIRTUAL_SCROLL_STRATEGY } from '@angular/cdk/scrolling';
import { Directive, input, numberAttribute } from '@angular/core';
import { MeasuredSizeStrategy } from './measured-size-strategy';

/**
 * `<cdk-virtual-scroll-viewport vbMeasuredSize>`: a virtual list of items of varying height,
 * measured as they render (see MeasuredSizeStrategy). minBufferPx is how much must stay rendered
 * beyond the viewport before more is rendered, maxBufferPx how much is rendered then.
 */
@Directive({
  selector: 'cdk-virtual-scroll-viewport[vbMeasuredSize]',
  providers: [
    {
      provide: VIRTUAL_SCROLL_STRATEGY,
      useFactory: (directive: MeasuredSize) => directive.strategy,
      deps: [MeasuredSize],
    },
  ],
})
export class MeasuredSize {
  readonly minBufferPx = input(400, { transform: numberAttribute });
  readonly maxBufferPx = input(800, { transform: numberAttribute });
  readonly strategy = new MeasuredSizeStrategy(() => ({
    minBufferPx: this.minBufferPx(),
    maxBufferPx: this.maxBufferPx(),
  }));
}
