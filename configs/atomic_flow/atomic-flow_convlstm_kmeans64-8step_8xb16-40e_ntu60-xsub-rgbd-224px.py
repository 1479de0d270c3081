# Paper scale, NOT RUN HERE: atomic-flow pretraining on NTU RGB+D 60 RGB-D
# clips: RGB videos with their depth stacked as a 4th channel (MergeDepth; the
# depth must first be registered and resized to the RGB frames, which no
# shipped tool does yet); 2D flow from RGB, dz from depth. Codebook:
#   python tools/data/fit_codebook.py <this config> -k 64 --max-videos 2000 \
#       --out data/ntu_rgbd/codebook_kmeans64_rgbd_3d.npz
_base_ = ['./atomic-flow_convlstm_kmeans64-2d-8step_8xb16-40e_ntu60-xsub-rgb-224px.py']
data_root = 'data/ntu_rgbd'


def _rgbd(pipeline):
    out = []
    for t in pipeline:
        if t['type'] == 'AtomicFlowTargets':
            t = dict(t, modality='rgbd', dim=3)
        out.append(t)
        if t['type'] == 'DecordDecode':
            out.append(dict(type='MergeDepth',
                            depth_root=f'{data_root}/depth_registered'))
    return out


train_dataloader = dict(dataset=dict(
    pipeline=_rgbd(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(dataset=dict(
    pipeline=_rgbd(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
model = dict(
    backbone=dict(modality='rgbd'),
    head=dict(codebook=dict(
        file='data/ntu_rgbd/codebook_kmeans64_rgbd_3d.npz')),
    data_preprocessor=dict(mean=[123.675, 116.28, 103.53, 0.],
                           std=[58.395, 57.12, 57.375, 4000.]))
