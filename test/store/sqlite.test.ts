import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/index.js";
import { storeContract } from "./contract.js";

storeContract("SQLite", () => openStore(join(mkdtempSync(join(tmpdir(), "paperbot-contract-")), "contract.db")));
