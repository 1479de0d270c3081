# Paper scale, NOT RUN HERE: atomic-flow pretraining on NTU RGB+D 60 RGB-D
# clips: RGB videos with their depth stacked as a 4th channel (MergeDepth; the
# depth must first be registered and resized to the RGB frames, which no
# shipped tool does yet); 2D flow from RGB, dz from depth. Codebook:
#   python tools/data/fit_codebook.py <this config> -k 64 --max-videos 2000 \
#       --out data/ntu_rgbd/codebook_kmeans64_rgbd_3d.npz
_base_ = [
    './atomic-flow-kmeans64-2d_convlstm_10x1x1-40e_ntu60-xsub-rgb-224px.py',
    '../_base_/datasets/ntu60_xsub_rgbd_atomic_flow_224.py'
]
data_root = 'data/ntu_rgbd'

train_dataloader = dict(
    dataset=dict(pipeline=_base_.ntu_rgbd_flow_train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=_base_.ntu_rgbd_flow_val_pipeline))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(modality='rgbd'),
    head=dict(
        codebook=dict(file='data/ntu_rgbd/codebook_kmeans64_rgbd_3d.npz')),
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53, 0.], std=[58.395, 57.12, 57.375,
                                                 4000.]))
