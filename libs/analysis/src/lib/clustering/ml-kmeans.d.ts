// ml-kmeans ships types only behind package "exports", which this project's module resolution
// ("node") does not read: what the clustering uses of it.
declare module 'ml-kmeans' {
  export interface KMeansResult {
    clusters: number[];
    centroids: number[][];
    converged: boolean;
    iterations: number;
  }
  export function kmeans(
    data: number[][],
    k: number,
    options: {
      distanceFunction?: (p: number[], q: number[]) => number;
      tolerance?: number;
      initialization?: 'kmeans++' | 'random' | 'mostDistant' | number[][];
      maxIterations?: number;
      seed?: number;
    },
  ): KMeansResult;
}
