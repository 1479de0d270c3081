# Test only: the natural-RGB DynamoNet FP pretraining
# (dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py, T = 8
# filters, 9-frame 112 px clips) on frame pairs with ground-truth flow,
# FlyingChairs and Middlebury RubberWhale at a 112 px short side: EPE
# (pixels of the resized frames, valid pixels) of the motion read from its
# dynamic filters beside zero motion, DIS, Farneback and TV-L1
# (configs/_base_/datasets/flow_gt_112px.py; the list:
# tools/data/build_flow_pair_list.py).
# Ours, the reading (mmmotion/models/layers/filter_motion.py): a filter
# maps frame t to t+1, its motion is minus its expected tap offset, one
# vector a pair for the paper's global filters, at most 2 px for s = 5
# (FlyingChairs moves 3 px on average here). Each sample is a 2-frame clip
# (1 + 1); the model keeps its T = 8 filters (so the whole checkpoint
# loads) and holds the pair into 9 frames, the first frame 4 times and the
# second 5 times, so filter 4 maps the first frame to the second while the
# backbone sees both (DynamoNet's `test_cfg.pair_step`); the motion is that
# filter's.
#     python tools/test.py configs/dynamonet/${THIS_FILE} \
#         work_dirs/${PRETRAINING}/epoch_150.pth
#     python tools/test.py configs/dynamonet/${THIS_FILE} none   # random init
# THIS_FILE: dynamonet-fp_resnext18-tiny_1+1x1x1_flow-gt-rgb-112px.py;
# PRETRAINING: dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.
# Measured (all 10 pairs pooled, EPE px): randomly initialised (`none`:
# near-uniform filters) 2.78, zero motion 2.78, DIS 1.16, Farneback 1.54,
# TV-L1 1.02; after 8 epochs of the pretraining still 2.78 (the filters
# near the identity, 0.99 on the centre tap: about 0.001 px of motion).
# tools/test.py loads its CHECKPOINT argument; `load_from` below names the
# default, the pretraining's last checkpoint, for runners that read it.
_base_ = [
    './dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py',
    '../_base_/datasets/flow_gt_112px.py'
]
model = dict(test_cfg=dict(return_frames=False, return_motion=True))
test_dataloader = dict(_delete_=True, **_base_.flow_gt_test_dataloader)
test_evaluator = dict(_delete_=True, **_base_.flow_gt_test_evaluator)
load_from = ('work_dirs/dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-'
             '112px/epoch_150.pth')
# a test of the pretraining, not a pretraining: no downstream evaluations
downstream = []
