import { RecommendWorker } from "./dist/src/recommend/index.js";
const w = new RecommendWorker(process.argv[2]);
console.log(JSON.stringify(await w.similar(5, 3)).slice(0, 300));
w.close();
