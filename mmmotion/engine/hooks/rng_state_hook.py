import random

import numpy as np
import torch
from mmengine.hooks import Hook

from mmmotion.registry import HOOKS


@HOOKS.register_module()
class RNGStateHook(Hook):
    """Save the random generators' states in checkpoints; restore on resume.

    mmengine re-seeds a resumed run from the configured seed, so dropout and
    main-process augmentation draw other numbers than the uninterrupted run
    would have. With this hook, a single-process run resumed with ``--resume``
    continues the same random streams (Python, NumPy, torch CPU and CUDA) and
    ends with the same weights. The states are plain tensors, arrays and ints,
    so checkpoints still load weights-only.

    Limits: data-loader workers are re-seeded by mmengine at every epoch when
    ``persistent_workers=False``; with persistent workers their streams restart
    after a resume. In distributed runs rank 0's state is saved and restored
    on rank 0 only.
    """

    priority = 'VERY_LOW'

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        state = dict(
            python=random.getstate(),
            numpy=np.random.get_state(),
            torch=torch.get_rng_state())
        if torch.cuda.is_available():
            state['cuda'] = torch.cuda.get_rng_state_all()
        checkpoint['rng_state'] = state

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get('rng_state')
        if not state or runner.rank != 0 or not runner._resume:
            return
        random.setstate(_to_python_state(state['python']))
        np.random.set_state(state['numpy'])
        torch.set_rng_state(state['torch'])
        if 'cuda' in state and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(state['cuda'])


def _to_python_state(state):
    # the state is (version, tuple_of_ints, gauss); pickling keeps tuples
    version, internal, gauss = state
    return version, tuple(internal), gauss
