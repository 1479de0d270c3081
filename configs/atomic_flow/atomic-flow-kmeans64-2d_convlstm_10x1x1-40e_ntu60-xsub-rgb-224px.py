# Paper scale, NOT RUN HERE: atomic-flow pretraining on NTU RGB+D 60 RGB videos
# (data/ntu_rgbd/rgb/<name>_rgb.avi); RGB has no depth, so the targets are 2D
# (dx, dy) and the codebook 2D. Fit it with
#   python tools/data/fit_codebook.py <this config> -k 64 --max-videos 2000 \
#       --out data/ntu_rgbd/codebook_kmeans64_rgb_2d.npz
_base_ = [
    './atomic-flow-kmeans64_convlstm_10x1x1-40e_ntu60-xsub-depth-224px.py',
    '../_base_/datasets/ntu60_xsub_rgb_atomic_flow_224.py'
]
data_root = 'data/ntu_rgbd'
rgb = dict(modality='rgb', dim=2)

train_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ntu60_xsub_train_rgb_list.txt',
        data_prefix=dict(video=f'{data_root}/rgb'),
        pipeline=_base_.ntu_rgb_flow_train_pipeline))
val_dataloader = dict(
    dataset=dict(
        ann_file=f'{data_root}/ntu60_xsub_val_rgb_list.txt',
        data_prefix=dict(video=f'{data_root}/rgb'),
        pipeline=_base_.ntu_rgb_flow_val_pipeline))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(modality='rgb'),
    head=dict(
        codebook=dict(file='data/ntu_rgbd/codebook_kmeans64_rgb_2d.npz')),
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]))
