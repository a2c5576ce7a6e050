/**
 * Heights of list items by index: measured ones as measured, the others at the average of the
 * measured ones (or an estimate before any is measured), with offsets summed once per change.
 */
export class SizeTable {
  private sizes: number[] = [];
  private measuredTotal = 0;
  private measuredCount = 0;
  /** offsets[i] is where item i starts; offsets[length] is the total. Null when stale. */
  private offsets: Float64Array | null = null;

  constructor(private readonly estimatePx: number) {}

  get length(): number {
    return this.sizes.length;
  }

  /** The height an item not measured yet is taken to have. */
  average(): number {
    return this.measuredCount ? this.measuredTotal / this.measuredCount : this.estimatePx;
  }

  /** Keeps the heights of the first `count` items (a list that grew keeps all it knew). */
  resize(count: number): void {
    if (count === this.sizes.length) return;
    for (let i = count; i < this.sizes.length; i++) this.forget(i);
    const kept = this.sizes.slice(0, count);
    while (kept.length < count) kept.push(0);
    this.sizes = kept;
    this.offsets = null;
  }

  /** Records a measured height; true when it differs from what was known. */
  set(index: number, height: number): boolean {
    if (index < 0 || index >= this.sizes.length || !(height > 0)) return false;
    const known = this.sizes[index] ?? 0;
    if (known && Math.abs(known - height) < 0.5) return false;
    this.forget(index);
    this.sizes[index] = height;
    this.measuredTotal += height;
    this.measuredCount += 1;
    this.offsets = null;
    return true;
  }

  /** Where item `index` starts (the total for index = length). */
  offsetOf(index: number): number {
    const offsets = this.sums();
    return offsets[Math.max(0, Math.min(this.sizes.length, index))]!;
  }

  total(): number {
    return this.offsetOf(this.sizes.length);
  }

  /** The item at `offset` (the first or the last one beyond either end). */
  indexAt(offset: number): number {
    const offsets = this.sums();
    const count = this.sizes.length;
    if (count === 0 || offset <= 0) return 0;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (offsets[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private forget(index: number): void {
    const known = this.sizes[index] ?? 0;
    if (!known) return;
    this.measuredTotal -= known;
    this.measuredCount -= 1;
    this.sizes[index] = 0;
  }

  private sums(): Float64Array {
    if (this.offsets) return this.offsets;
    const average = this.average();
    const offsets = new Float64Array(this.sizes.length + 1);
    for (let i = 0; i < this.sizes.length; i++)
      offsets[i + 1] = offsets[i]! + (this.sizes[i] || average);
    return (this.offsets = offsets);
  }
}
