#!/usr/bin/env bash
# The one check to run on a machine with a GPU (not run yet: no session has had one). From the repo
# root, after `npm ci && npm run build`, with the Vulkan loader debs in .gl/ (docs/library.md, "On a
# GPU"). Writes everything to ${OUT:-bench/out}/gpu-check.log:
#   1. Vulkan loader and NVIDIA driver manifest, and the adapter Dawn picks;
#   2. `lrkit train --device webgpu` on the seed CNN for one MNIST epoch (Adam 1e-3, batch 64), then wasm;
#   3. steps per second of the bench's MLP 784-256-10 and seed CNN (batch 64, Adam) on webgpu and wasm
#      (scripts/gpu-steps.mjs), and PyTorch on CUDA when torch sees a GPU.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-bench/out}"
mkdir -p "$out"
log="$out/gpu-check.log"
exec > >(tee "$log") 2>&1

if ! ldconfig -p | grep -q libvulkan.so.1; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f "$nvidia_icd" ] && export VK_DRIVER_FILES="$nvidia_icd"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
date -u
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
node -e 'import("./dist/index.js").then(async (l) => { const d = await l.useDevice("auto"); console.log("auto picks:", JSON.stringify(d)); l.releaseDevice(); })'

cfg="$(mktemp --suffix=.yaml)"
printf 'data: { name: mnist }\nmodel: { preset: cnn }\noptimizer: { type: Adam, lr: 1.0e-3 }\nepochs: 1\nbatch_size: 64\nseed: 0\n' >"$cfg"
for device in webgpu wasm; do
  echo "== lrkit train --device $device: seed CNN, one MNIST epoch"
  /usr/bin/time -v timeout 900 node dist/cli/main.js train -c "$cfg" --device "$device" --no-record --json 2>"$out/train-$device.err" | tee "$out/train-$device.json"
  grep -E "Elapsed|Maximum resident" "$out/train-$device.err"
done

echo "== steps per second"
node scripts/gpu-steps.mjs webgpu
node scripts/gpu-steps.mjs wasm
python3 - <<'PY' || echo "PyTorch: not available"
import time, torch
from torch import nn
assert torch.cuda.is_available(), "no CUDA device"
dev = torch.device("cuda")
torch.manual_seed(0)
models = {
    "mlp": lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)),
    "cnn": lambda: nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 10)),
}
x = torch.randn(64, 1, 28, 28, device=dev)
y = torch.randint(0, 10, (64,), device=dev)
for name, make in models.items():
    model = make().to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    def step():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()
    for _ in range(20): step()
    torch.cuda.synchronize(); t = time.perf_counter(); n = 500
    for _ in range(n): step()
    torch.cuda.synchronize()
    print(f"pytorch cuda {name}: {n / (time.perf_counter() - t):.1f} steps/s ({torch.cuda.get_device_name()})")
PY
