# Frame pairs with ground-truth optical flow, for the end-point error (EPE)
# of learned motion beside zero motion and OpenCV's DIS, Farneback and
# TV-L1 on the same pairs (MotionWarpMetric): 9 FlyingChairs pairs and
# Middlebury's RubberWhale (../shared/data/flow_gt, its README). Frames and
# flow resized to a 112 px short side (area interpolation; the flow scaled
# to pixels of the resized frames), unknown flow masked; one pair a batch
# (the two sets differ in size). The list (all 10 pairs: the metric's means
# pool them; for one set's numbers list its folder with
# `--root ../shared/data/flow_gt` and pass the list as
# `--cfg-options test_dataloader.dataset.ann_file=...`):
#     python tools/data/build_flow_pair_list.py ../shared/data/flow_gt \
#         --out data/flow_gt/flow_gt_list.txt
# Only variables: a config sets its test dataloader and evaluator from them
# (c2f-motion_resnext18-tiny_2x1x1_flow-gt-rgb-112px.py).
flow_gt_test_pipeline = [
    dict(type='LoadFlowPair'),
    dict(type='ResizeFlowPair', scale=(-1, 112), interpolation='area'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(
        type='PackActionInputs',
        algorithm_keys=('gt_motion', 'gt_motion_valid'))
]
flow_gt_test_dataloader = dict(
    batch_size=1,
    num_workers=1,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='FlowPairDataset',
        ann_file='data/flow_gt/flow_gt_list.txt',
        data_prefix=dict(video='../shared/data/flow_gt'),
        test_mode=True,
        pipeline=flow_gt_test_pipeline))
# the measured baselines use OpenCV's RGB-to-grey frames (MotionWarpMetric)
flow_gt_test_evaluator = dict(
    type='MotionWarpMetric',
    baselines=('dis', 'farneback', 'tvl1', 'zero'),
    grey='luma')
