/**
 * Words that carry no topic on their own. Shared by the near-duplicate keys (so a dropped "the" or
 * "a" does not change a key) and by keyword extraction (so "we propose a novel method" yields nothing).
 */
const FUNCTION_WORDS = `a about above across after again against all also although am an and any are as at be
because been before being below between both but by can could did do does doing down during each either
et al etc eg ie cf vs either every few for from further had has have having here how however if in into is
it its itself just less more most much must neither no nor not of off on once only onto or other our ours
out over own per same several should since so some such than that the their them then there these they
this those through thus to too toward towards under until up upon us via was we were what when where
whether which while who whom whose why will with within without would yet you your one two three`;

const RESEARCH_WORDS = `paper work study article thesis propose proposed proposes present presents presented
introduce introduces introduced show shows shown demonstrate demonstrates demonstrated novel new approach
approaches method methods methodology technique techniques result results finding findings based using use
used uses make makes made enable enables enabling achieve achieves achieved achieving significant
significantly existing previous prior recent recently various different well however furthermore moreover
additionally specifically first second third often many several including include includes provide
provides provided while further experiments experimental extensive evaluate evaluated evaluation code
available github https http com www org open source outperforms outperform state art sota performance
improve improves improved improvement improvements compared comparison task tasks problem problems
avg exploring leveraging enabling understanding improving identifying exploiting measuring solving
dissecting addressing analyzing analysing optimizing accelerating evaluating rethinking revisiting
making closing handling building towards beyond simple effective accurate better high low`;

/** Too broad to stand alone as a keyword, yet fine inside a phrase ("language models"). */
const GENERIC = `model models modeling framework frameworks system systems scheme schemes data algorithm
algorithms efficient efficiency large fast scalable network networks learning training inference
performance operations operation design structure structures representation representations layer
layers computation computing method technique analysis application applications function functions`;

const words = (list: string): string[] => list.split(/\s+/).filter((w) => w.length > 0);

/** Grammar only: safe to drop from a title without changing which paper it names. */
export const FUNCTION_WORDS_SET: ReadonlySet<string> = new Set(words(FUNCTION_WORDS));

/** Grammar plus the boilerplate of abstracts: what a keyword must never be. */
export const STOPWORDS: ReadonlySet<string> = new Set([...words(FUNCTION_WORDS), ...words(RESEARCH_WORDS)]);

/** Keyword-only: words that may appear in a phrase but never make a keyword by themselves. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(words(GENERIC));
