# NTU RGB+D 60 cross-subject, masked depth in our T x H x W .npy format
# (data/ntu_rgbd/depth/<SsssCcccPpppRrrrAaaa>.npy), atomic-flow pretraining:
# the MSR Action3D atomic-flow pipeline (10 consecutive frames: the pair + 8
# steps) at paper scale: 224 x 224, 3D targets over 16 x 16 patches, dz scaled
# by 0.01. NOT RUN HERE (no NTU data on this machine). Lists:
#   python tools/data/ntu_rgbd/build_lists.py --src data/ntu_rgbd/depth \
#       --out data/ntu_rgbd --modality depth
# (NTU's masked depth PNGs must first become our T x H x W .npy files; no
# shipped converter yet.)
_base_ = ['./msr_action3d_depth_atomic_flow.py']
data_root = 'data/ntu_rgbd'
frame_size = (224, 224)
patch = 16


def _ntu(pipeline):
    out = []
    for t in pipeline:
        if t['type'] == 'Resize':
            t = dict(t, scale=frame_size)
        elif t['type'] == 'AtomicFlowTargets':
            t = dict(t, patch=patch, depth_scale=0.01)
        out.append(t)
    return out


train_dataloader = dict(
    batch_size=16, num_workers=8,
    dataset=dict(ann_file=f'{data_root}/ntu60_xsub_train_depth_list.txt',
                 data_prefix=dict(video=f'{data_root}/depth'),
                 num_classes=60,
                 pipeline=_ntu(_base_.train_dataloader.dataset.pipeline)))
val_dataloader = dict(
    batch_size=16, num_workers=8,
    dataset=dict(ann_file=f'{data_root}/ntu60_xsub_val_depth_list.txt',
                 data_prefix=dict(video=f'{data_root}/depth'),
                 num_classes=60,
                 pipeline=_ntu(_base_.val_dataloader.dataset.pipeline)))
test_dataloader = val_dataloader
