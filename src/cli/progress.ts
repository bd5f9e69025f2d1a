/**
 * A progress bar per epoch on stderr (cli-progress): steps done, loss, η and ETA, so stdout stays
 * free for `--json`. Silent when stderr is not a terminal unless forced, so logs and CI stay clean.
 */
import cliProgress from "cli-progress";
import type { Callback, TrainState } from "../train/index.js";

export function progressBar(options: { label?: string; epochs: number; force?: boolean }): Callback {
  const enabled = options.force ?? process.stderr.isTTY;
  let bar: cliProgress.SingleBar | undefined;
  const payload = (state: TrainState) => ({
    epochLabel: `${options.label ? `${options.label} ` : ""}epoch ${state.epoch + 1}/${options.epochs}`,
    loss: Number.isFinite(state.loss) ? state.loss.toFixed(4) : String(state.loss),
    lr: state.lr.toExponential(2),
  });
  return {
    beforeEpoch(state) {
      if (!enabled) return;
      bar = new cliProgress.SingleBar(
        {
          format: "{epochLabel} |{bar}| {value}/{total} loss {loss} lr {lr} ETA {eta_formatted}",
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 50,
          fps: 10,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(state.stepsPerEpoch, 0, payload(state));
    },
    afterBatch(state) {
      bar?.increment(1, payload(state));
    },
    afterEpoch() {
      bar?.stop();
      bar = undefined;
    },
    afterFit() {
      bar?.stop();
    },
  };
}
