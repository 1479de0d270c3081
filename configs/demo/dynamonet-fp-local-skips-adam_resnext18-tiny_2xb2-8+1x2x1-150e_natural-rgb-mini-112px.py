# The shipped DynamoNet checkpoint's check (checkpoints/checkpoints.yml):
# the natural-RGB local-filter model with skips, Adam
# (configs/dynamonet/dynamonet-fp-local-skips-adam_*_natural-rgb-112px.py),
# tested on the 3 held-out clips shipped in tests/data/natural_rgb (walking
# people, a cricket shot, a cartoon; all on the full set's held-out list):
# next-frame PSNR / SSIM beside copying the last frame and the motion bound
# (DIS flow clamped to the 2 px a 5 x 5 filter reaches). The full config's
# filter oracles are left out (minutes of fitting); the demo and the API
# read this config's test pipeline as the full one's.
_base_ = [('../dynamonet/dynamonet-fp-local-skips-adam_resnext18-tiny_'
           '2xb2-8+1x2x1-150e_natural-rgb-112px.py'),
          '../_base_/datasets/natural_rgb_mini.py']
test_dataloader = dict(dataset=_base_.nat_mini_heldout)
test_evaluator = dict(
    _delete_=True, type='FramePredictionMetric', flow_bound=2)
downstream = []
