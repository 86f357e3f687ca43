/*
 * Topics of the sample papers for the for-you quality measure, labelled by hand-written keyword
 * groups read off the titles — never by the model under test (no TF-IDF, no clustering on its
 * features). A paper is in a topic when its title matches one of the topic's patterns, or its
 * abstract matches at least two different ones. A paper may be in several topics.
 */
import type { SamplePaper } from "./samples.js";

export interface Topic {
  name: string;
  patterns: readonly RegExp[];
}

export const TOPICS: readonly Topic[] = [
  {
    name: "quantization",
    patterns: [/quantiz/i, /\bint\d\b|\bint-?\d+\b/i, /\b\d+-bit\b/i, /low-precision|arbitrary[- ]precision|fixed-point|binari[sz]/i, /\bW\dA\d/],
  },
  {
    name: "attention and long context",
    patterns: [/attention/i, /long[- ]context|infinite[- ]context|sequence lengths?/i, /\bsoftmax\b/i, /\bKV[- ]cache/i],
  },
  {
    name: "3D scenes and view synthesis",
    patterns: [/gaussian splatting|\b3D\b/i, /view synthesis/i, /\bscene\b/i, /voxel|radiance field|nerf\b/i],
  },
  {
    name: "vector graphics",
    patterns: [/\bSVGs?\b/i, /vector graphics/i, /text-to-vector|vector path|path representation/i],
  },
  {
    name: "hardware accelerators",
    patterns: [/\bPIM\b|processing-in-memory|process-in-memory/i, /\bASICs?\b|\bFPGAs?\b|\bNPUs?\b|chiplet|\bchips?\b/i, /accelerator/i, /systolic|dataflow/i],
  },
  {
    name: "optimization methods",
    patterns: [/coordinate descent/i, /bilevel|variance[- ]reduc/i, /converge/i, /stochastic gradient|objective landscape/i],
  },
  {
    name: "arithmetic in networks",
    patterns: [/multiplication/i, /matmul/i, /\baddition\b|\bshift(?:-and-)?add|shiftadd/i, /arithmetic/i],
  },
  {
    name: "equivariance and geometry",
    patterns: [/equivarian/i, /tensor products?/i, /\blie group|manifold/i, /spherical harmonic|irreducible representation/i],
  },
];

function matchesTopic(topic: Topic, paper: SamplePaper): boolean {
  if (topic.patterns.some((p) => p.test(paper.title))) return true;
  return topic.patterns.filter((p) => p.test(paper.abstract)).length >= 2;
}

/** Indices (into `papers`) of each topic's papers, in sample order. */
export function topicMembers(papers: readonly SamplePaper[]): Map<string, number[]> {
  const members = new Map<string, number[]>();
  for (const topic of TOPICS) {
    members.set(
      topic.name,
      papers.flatMap((paper, i) => (matchesTopic(topic, paper) ? [i] : [])),
    );
  }
  return members;
}
