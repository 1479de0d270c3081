# Paper scale, NOT RUN HERE: atomic-flow pretraining on NTU RGB+D 60
# cross-subject depth (Luo et al.: 8-step depth row of the ablation, 66.2 after
# fine-tuning). 8 GPUs x 16 clips. Fit the codebook first:
#   python tools/data/fit_codebook.py <this config> -k 64 --max-videos 2000 \
#       --out data/ntu_rgbd/codebook_kmeans64_depth_3d.npz
_base_ = [
    '../_base_/models/atomic_flow_convlstm_224.py',
    '../_base_/datasets/ntu60_xsub_depth_atomic_flow_224.py',
    '../_base_/schedules/adam_cosine.py', '../_base_/default_runtime.py'
]
default_hooks = dict(checkpoint=dict(interval=5))
custom_hooks = [
    dict(type='RNGStateHook'),
    dict(type='AtomicFlowVisualizationHook', interval=50)
]
auto_scale_lr = dict(enable=True, base_batch_size=128)
