/**
 * `lrkit report ID [ID…] --out report.html`: a self-contained HTML report (no scripts, no
 * network) of one run (train run, sweep trial or LR range test), one sweep, or — with several
 * run ids — the runs compared. Ids may be prefixes; the store is only read.
 */
import { Command } from "commander";
import { writeReport } from "../../report/node/index.js";
import { storePath } from "../../store/index.js";

interface ReportOptions {
  out: string;
  store?: string;
}

export function reportCommand(): Command {
  return new Command("report")
    .description("write a self-contained HTML report of a run, a sweep, or several runs compared")
    .argument("<ids...>", "a run or sweep id (or a prefix of one); several run ids give a comparison")
    .option("-o, --out <file>", "the HTML file to write", "report.html")
    .option("--store <path>", "run store file (default: $LRKIT_STORE, else ./runs/lrkit.db)")
    .addHelpText(
      "after",
      `
The report is one HTML file that loads nothing and runs no script: charts are inline SVG. It is
written atomically, so an existing file is replaced only once the new report is complete.`,
    )
    .action(async (ids: string[], options: ReportOptions) => {
      const written = await writeReport(storePath(options.store), ids, options.out);
      const what = written.kind === "comparison" ? `${written.ids.length} runs compared` : `${written.kind} ${written.ids[0]}`;
      process.stdout.write(`wrote ${written.path} (${what}, ${(written.bytes / 1024).toFixed(0)} KiB)\n`);
    });
}
