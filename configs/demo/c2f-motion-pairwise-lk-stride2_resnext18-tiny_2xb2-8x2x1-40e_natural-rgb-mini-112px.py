# Quick-start demo, step 1: self-supervised coarse-to-fine motion (Tian et
# al.) with the pairwise Lucas-Kanade decoder down to stride 2
# (configs/coarse_to_fine_motion, section 3e of its README) on 9
# natural-RGB training clips shipped in tests/data/natural_rgb (people,
# traffic, a Newton's cradle, a classroom, a film; provenance in
# tests/data/README.md), validated on 3 held-out ones (walking people, a
# cricket shot, a cartoon: clips of the full set's held-out list, never
# frames of a training clip). 112 px, every 2nd frame, 2 clips a process,
# 40 epochs (120 steps): about 80 seconds on 2 cores.
_base_ = [('../coarse_to_fine_motion/c2f-motion-pairwise-lk-stride2_'
           'resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py'),
          '../_base_/datasets/natural_rgb_mini.py']
train_dataloader = dict(dataset=_base_.nat_mini_train)
val_dataloader = dict(dataset=_base_.nat_mini_heldout)
# the held-out clips again (the full config tests on ground-truth flow)
test_dataloader = dict(
    _delete_=True,
    batch_size=1,
    num_workers=1,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(_base_.natural_rgb_heldout, **_base_.nat_mini_heldout))
test_evaluator = dict(_delete_=True, type='MotionWarpMetric')
custom_hooks = [dict(type='RNGStateHook')]
default_hooks = dict(logger=dict(interval=5))
downstream = []
