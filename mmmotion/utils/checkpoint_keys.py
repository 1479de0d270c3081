"""Clear errors for checkpoints that do not fit the module they load into."""
from typing import Dict, Mapping, Optional

import torch


def key_mismatch(expected: Mapping[str, torch.Size],
                 loaded: Mapping[str, torch.Tensor]) -> Optional[str]:
    """None when ``loaded`` has every expected key with its shape and no
    other key; else a message listing the missing, unexpected and
    mis-shaped keys (the first 8 of each)."""
    missing = sorted(set(expected) - set(loaded))
    unexpected = sorted(set(loaded) - set(expected))
    wrong = sorted(
        k for k in set(expected) & set(loaded)
        if tuple(loaded[k].shape) != tuple(expected[k]))
    if not (missing or unexpected or wrong):
        return None

    def few(keys):
        if not keys:
            return 'none'
        more = f' ... ({len(keys)} in all)' if len(keys) > 8 else ''
        return ', '.join(keys[:8]) + more

    return (f'missing keys: {few(missing)}; unexpected keys: '
            f'{few(unexpected)}; keys of another shape: {few(wrong)}')


def check_pretrained(module: torch.nn.Module,
                     checkpoint: str,
                     prefix: Optional[str] = None) -> None:
    """Raise ``ValueError`` unless ``checkpoint`` (its keys under
    ``prefix``) holds exactly ``module``'s parameters and buffers, as
    ``init_cfg=dict(type='Pretrained', checkpoint=..., prefix=...)`` would
    load them. MMEngine only warns about such mismatches, and a fine-tuning
    run would then start silently from partly random weights."""
    from mmengine.runner.checkpoint import _load_checkpoint
    ckpt = _load_checkpoint(checkpoint, map_location='cpu')
    state: Dict = ckpt.get('state_dict', ckpt) if isinstance(ckpt,
                                                             dict) else {}
    if prefix:
        p = prefix if prefix.endswith('.') else prefix + '.'
        state = {k[len(p):]: v for k, v in state.items() if k.startswith(p)}
    state = {k: v for k, v in state.items() if isinstance(v, torch.Tensor)}
    expected = {k: v.shape for k, v in module.state_dict().items()}
    msg = key_mismatch(expected, state)
    if msg:
        raise ValueError(
            f'{checkpoint} does not hold this {type(module).__name__}'
            f'{f" under {prefix!r}" if prefix else ""}: {msg}')
