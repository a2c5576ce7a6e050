// Libraries without types of their own: what compare-libraries uses of them.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: unknown[];
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
  }
}

declare module 'wink-nlp/utilities/bm25-vectorizer' {
  interface Bm25Vectorizer {
    learn(tokens: string[]): void;
    out(f: unknown): unknown;
    bowOf(tokens: string[], processOOV?: boolean): Record<string, number>;
  }
  export default function bm25Vectorizer(config?: {
    k?: number;
    k1?: number;
    b?: number;
    norm?: 'none' | 'l1' | 'l2';
  }): Bm25Vectorizer;
}

declare module 'wink-nlp/src/its' {
  const its: Record<string, unknown>;
  export default its;
}

// ml-kmeans and ml-hclust have types, but only behind package "exports", which this project's
// module resolution ("node") does not read: what compare-libraries uses of them.
declare module 'ml-kmeans' {
  export function kmeans(
    data: number[][],
    k: number,
    options: {
      initialization?: 'kmeans++' | 'random' | 'mostDistant' | number[][];
      seed?: number;
      maxIterations?: number;
      tolerance?: number;
      distanceFunction?: (p: number[], q: number[]) => number;
    },
  ): { clusters: number[]; centroids: number[][]; converged: boolean; iterations: number };
}

declare module 'ml-hclust' {
  export interface Cluster {
    children: Cluster[];
    group(groups: number): Cluster;
    indices(): number[];
  }
  export function agnes<T>(
    data: T[],
    options?: { method?: string; distanceFunction?: (a: T, b: T) => number },
  ): Cluster;
}

declare module 'wink-eng-lite-web-model' {
  import type { Model } from 'wink-nlp';
  const model: Model;
  export default model;
}
