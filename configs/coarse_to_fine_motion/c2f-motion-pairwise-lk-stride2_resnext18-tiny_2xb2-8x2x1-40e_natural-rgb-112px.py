# The pairwise Lucas-Kanade decoder down to stride 2 (ours): one more
# pyramid level of Lucas-Kanade (the frames pooled by 2 and the finest
# pyramid features), and the paper's context-guided layer upsamples by 2.
# Stopping at stride 4 blurs the local motion that the upsampler must then
# recover (the held-out loss at the initialisation of both:
# logs/loss_check/*pairwise-lk*init*). Otherwise
# c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-112px.py.
_base_ = [
    './c2f-motion-pairwise-lk_resnext18-tiny_2xb2-8x2x1-40e_natural-rgb-'
    '112px.py'
]
model = dict(decoder=dict(out_stride=2))
# Downstream: ud810 leave-one-person-out (RGB, 64 px, the labelled RGB
# protocol), as the unlabelled-RGB pretraining that this one replaces (the
# fine-tunings under their own run names; the shared linear-probe and
# retrieval configs name their runs after this pretraining).
downstream = [
    dict(
        task=task,
        protocol='ud810-lopo',
        fold=f,
        config=cfg.format(f),
        run_name=run and run.format(f)) for f in (1, 2, 3)
    for task, cfg, run in (
        ('fine-tune', 'configs/coarse_to_fine_motion/i3d_c2f-motion-'
         'pretrained-resnext18-tiny_8x2x1-60e_ud810-fold{}-rgb-64px.py',
         'i3d_c2f-motion-pairwise-lk-stride2-natural-rgb-pretrained-'
         'resnext18-tiny_8x2x1-60e_ud810-fold{}-rgb-64px'),
        ('linear-probe', 'configs/benchmarks/linear_probe/linear-probe_'
         'resnext18-tiny_8x2x1-30e_ud810-fold{}-rgb-64px.py', None),
        ('retrieval', 'configs/benchmarks/retrieval/retrieval_resnext18-tiny_'
         '8x2x1_ud810-fold{}-rgb-64px.py', None))
]
