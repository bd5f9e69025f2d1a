/**
 * Reads the shared PyTorch reference fixtures from `../shared/fixtures` (override with
 * LRKIT_FIXTURES). Tests fail loudly when they are missing rather than skipping.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
export const fixturesDir = process.env.LRKIT_FIXTURES ?? resolve(import.meta.dirname, "../../shared/fixtures");
const nonFinite = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };
/** Python's json writes NaN, Infinity and -Infinity as bare words; they come back as numbers here. */
function parsePythonJson(text) {
    const quoted = text.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[\],}])/g, '"\\u0000$1"');
    return JSON.parse(quoted, (_key, value) => typeof value === "string" && value.startsWith("\u0000") ? nonFinite[value.slice(1)] : value);
}
export function readFixture(relativePath) {
    const path = resolve(fixturesDir, relativePath);
    try {
        return parsePythonJson(readFileSync(path, "utf8"));
    }
    catch (e) {
        throw new Error(`cannot read fixture ${path} (set LRKIT_FIXTURES to the fixtures folder): ${e.message}`, { cause: e });
    }
}
/** Largest relative difference |a-b| / max(|b|, tiny) over two equally long lists. */
export function maxRelativeError(actual, expected, tiny = 1e-300) {
    if (actual.length !== expected.length)
        throw new Error(`length ${actual.length} ≠ expected ${expected.length}`);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) {
        const a = actual[i];
        const b = expected[i];
        const err = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), tiny);
        worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
    }
    return worst;
}
//# sourceMappingURL=fixtures.js.map