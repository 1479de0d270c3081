"""Distributed training and testing on machines without CUDA.

mmengine's ``init_dist(launcher='pytorch')`` always calls
``torch.cuda.set_device`` and its default DDP wrapper passes
``device_ids=[LOCAL_RANK]``, which DDP rejects for CPU modules. When no GPU is
available, :func:`setup_cpu_distributed` initialises the process group with
``gloo`` before the Runner is built (the Runner then skips its own
``init_dist``) and asks for ``MMDistributedDataParallel(device_ids=None)``.
On GPU machines it does nothing, and mmengine's own path (NCCL) is used.
"""
import os

import torch
import torch.distributed as torch_dist


def setup_cpu_distributed(cfg, launcher: str) -> bool:
    """Prepare a config for a CPU-only distributed run.

    Args:
        cfg (Config): the run's config; ``model_wrapper_cfg`` is set when it
            has none.
        launcher (str): the launcher given to the tool (``'none'`` to skip).

    Returns:
        bool: True if the process group was initialised here with gloo.
    """
    if launcher == 'none' or torch.cuda.is_available():
        return False
    if launcher == 'slurm':
        proc_id = int(os.environ['SLURM_PROCID'])
        os.environ.setdefault('RANK', str(proc_id))
        os.environ.setdefault('WORLD_SIZE', os.environ['SLURM_NTASKS'])
        os.environ.setdefault('LOCAL_RANK',
                              os.environ.get('SLURM_LOCALID', '0'))
        os.environ.setdefault('MASTER_PORT', '29500')
        os.environ.setdefault('MASTER_ADDR', '127.0.0.1')
    elif launcher != 'pytorch':
        raise ValueError(f'launcher "{launcher}" is not supported without '
                         'CUDA; use "pytorch" (torchrun) or "slurm".')
    if not torch_dist.is_initialized():
        torch_dist.init_process_group(
            backend='gloo',
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']))
    if cfg.get('model_wrapper_cfg') is None:
        cfg.model_wrapper_cfg = dict(
            type='MMDistributedDataParallel', device_ids=None)
    env_cfg = cfg.get('env_cfg') or {}
    env_cfg.setdefault('dist_cfg', {})['backend'] = 'gloo'
    cfg.env_cfg = env_cfg
    return True
