#!/usr/bin/env bash
# Usage: tools/dist_train.sh CONFIG NUM_PROCS [train.py args...]
# Launches NUM_PROCS processes with torchrun. On GPUs each process takes one
# GPU (NCCL); on a machine without CUDA the processes train on the CPU (gloo).
set -e
CONFIG=$1
NPROC=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-"127.0.0.1"}
PYTHON=${PYTHON:-python}
# Without CUDA, share the cores between the processes instead of letting every
# process start one thread per core.
if [ -z "${OMP_NUM_THREADS:-}" ] && ! $PYTHON -c "import torch,sys; sys.exit(not torch.cuda.is_available())" 2>/dev/null; then
  export OMP_NUM_THREADS=$(( $(nproc) / NPROC > 0 ? $(nproc) / NPROC : 1 ))
fi
PYTHONPATH="$(dirname "$0")/..":$PYTHONPATH \
$PYTHON -m torch.distributed.run --nnodes=$NNODES --node_rank=$NODE_RANK \
    --master_addr=$MASTER_ADDR --nproc_per_node=$NPROC --master_port=$PORT \
    "$(dirname "$0")/train.py" "$CONFIG" --launcher pytorch "${@:3}"
