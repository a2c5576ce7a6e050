import { describe, expect, it } from 'vitest';
import { SizeTable } from './size-table';

describe('SizeTable', () => {
  it('places items not measured yet at the estimate until one is measured', () => {
    const sizes = new SizeTable(100);
    sizes.resize(10);
    expect(sizes.offsetOf(3)).toBe(300);
    expect(sizes.total()).toBe(1000);
  });

  it('sums measured heights and takes their average for the others', () => {
    const sizes = new SizeTable(100);
    sizes.resize(5);
    expect(sizes.set(0, 40)).toBe(true);
    expect(sizes.set(1, 80)).toBe(true);
    // 40 + 80, then three at the average of 60.
    expect(sizes.offsetOf(2)).toBe(120);
    expect(sizes.total()).toBe(300);
  });

  it('tells whether a measurement changed anything', () => {
    const sizes = new SizeTable(100);
    sizes.resize(3);
    sizes.set(1, 50);
    expect(sizes.set(1, 50.2)).toBe(false);
    expect(sizes.set(1, 70)).toBe(true);
    expect(sizes.set(1, 0)).toBe(false);
    expect(sizes.set(7, 10)).toBe(false);
    expect(sizes.average()).toBe(70);
  });

  it('finds the item at an offset, clamped to the list', () => {
    const sizes = new SizeTable(100);
    sizes.resize(4);
    sizes.set(0, 10);
    sizes.set(1, 20);
    sizes.set(2, 30);
    sizes.set(3, 40);
    expect(sizes.indexAt(-5)).toBe(0);
    expect(sizes.indexAt(9)).toBe(0);
    expect(sizes.indexAt(10)).toBe(1);
    expect(sizes.indexAt(59)).toBe(2);
    expect(sizes.indexAt(60)).toBe(3);
    expect(sizes.indexAt(1000)).toBe(3);
  });

  it('keeps what it measured when the list grows, and forgets what was cut off', () => {
    const sizes = new SizeTable(100);
    sizes.resize(2);
    sizes.set(0, 30);
    sizes.set(1, 90);
    sizes.resize(4);
    expect(sizes.total()).toBe(30 + 90 + 60 + 60);
    sizes.resize(1);
    expect(sizes.average()).toBe(30);
    expect(sizes.total()).toBe(30);
  });
});
