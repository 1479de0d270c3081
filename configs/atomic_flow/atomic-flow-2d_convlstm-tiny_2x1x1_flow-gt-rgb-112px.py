# Test only: the natural-RGB 2D atomic-flow model
# (atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py: 112 px
# crops, every 2nd frame) on frame pairs with ground-truth flow, FlyingChairs
# and Middlebury RubberWhale at a 112 px short side: EPE (pixels of the
# resized frames, valid pixels) of its motion beside zero motion, DIS,
# Farneback and TV-L1 (configs/_base_/datasets/flow_gt_112px.py; the list:
# tools/data/build_flow_pair_list.py; the baselines' numbers are in
# configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_2x1x1_flow-gt-rgb-
# 112px.py).
#     python tools/test.py configs/atomic_flow/${THIS_FILE} CHECKPOINT
# THIS_FILE: atomic-flow-2d_convlstm-tiny_2x1x1_flow-gt-rgb-112px.py;
# CHECKPOINT: e.g. the pretraining's, as in `load_from` below (tools/test.py
# loads its CHECKPOINT argument instead; `none` tests a random init).
# Decoding (ours; AtomicFlowPredictor's test_cfg.dense_flow,
# mmmotion/models/layers/atomic_flow_decoding.py): the model reads the pair
# (t, t+1) (replicate-padded to its stride 16 for the model, the flow
# cropped back); the expected codeword of each 8 px patch, in pixels of the
# frames it reads (the codewords are patch flows in pixels of the training
# frames; the test frames are fed as they are, not resized), interpolated
# bilinearly from the patch centres to every pixel.
# WHICH FLOW: the model never predicts the flow of its input pair. Its
# first step is the flow of the NEXT pair (t+1 -> t+2, AtomicFlowTargets:
# the input is (x_0, x_1), step k the flow x_k -> x_k+1, k = 1..8), and these
# pairs have no third frame. So the EPE against the truth of (t, t+1) is the
# model's motion under a constant-velocity assumption (the next pair moves
# as this one); in training the pairs are every 2nd video frame, and the
# test pairs are the datasets' own frame pairs.
# Measured (all 10 pairs pooled, px): a random init (`none`,
# --cfg-options randomness.seed=0 / 1) 3.56 / 3.47, against zero motion
# 2.78, DIS 1.16, Farneback 1.54, TV-L1 1.02 (the baselines as measured for
# the coarse-to-fine config); the random expected codeword is a nonzero
# mean of the codewords, hence above zero motion. The pretrained model is
# not measured yet.
_base_ = [
    './atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-rgb-112px.py',
    '../_base_/datasets/flow_gt_112px.py'
]
model = dict(
    test_cfg=dict(
        dense_flow=dict(step=0, decode='expected', upsample='bilinear')))
test_dataloader = dict(_delete_=True, **_base_.flow_gt_test_dataloader)
test_evaluator = dict(_delete_=True, **_base_.flow_gt_test_evaluator)
# the natural-RGB pretraining's last checkpoint (150 epochs, written by
# tools/train.py / tools/dist_train.sh into its default work_dir)
load_from = ('work_dirs/atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-'
             'rgb-112px/epoch_150.pth')
# a test of the pretraining, not a pretraining: no downstream evaluations
downstream = []
