// ml-hclust ships types only behind package "exports", which this project's module resolution
// ("node") does not read: what the clustering uses of it.
declare module 'ml-hclust' {
  export interface Cluster {
    children: Cluster[];
    height: number;
    size: number;
    index: number;
    isLeaf: boolean;
    group(groups: number): Cluster;
    indices(): number[];
  }
  export function agnes(
    data: number[][],
    options?: {
      method?: 'single' | 'complete' | 'average' | 'centroid' | 'ward' | 'upgma' | 'wpgma';
      isDistanceMatrix?: boolean;
      distanceFunction?: (a: number[], b: number[]) => number;
    },
  ): Cluster;
}
