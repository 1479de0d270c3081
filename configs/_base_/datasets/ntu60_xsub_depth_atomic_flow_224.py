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

train_dataloader = dict(
    batch_size=16,
    num_workers=8,
    dataset=dict(
        ann_file=f'{data_root}/ntu60_xsub_train_depth_list.txt',
        data_prefix=dict(video=f'{data_root}/depth'),
        num_classes=60,
        pipeline=[
            dict(type='DepthInit'),
            dict(type='CheckFrameCount', min_frames=10),
            dict(
                type='SampleFrames',
                clip_len=10,
                frame_interval=1,
                num_clips=1),
            dict(type='DepthDecode'),
            dict(type='Resize', scale=frame_size, keep_ratio=False),
            dict(
                type='AtomicFlowTargets',
                num_steps=8,
                modality='depth',
                dim=3,
                patch=patch,
                method='dis',
                preset='medium',
                depth_scale=0.01,
                cache_dir=None),
            dict(type='MotionFlip', flip_ratio=0.5),
            dict(type='DepthNormalize'),
            dict(type='FormatShape', input_format='NCTHW'),
            dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
        ]))
val_dataloader = dict(
    batch_size=16,
    num_workers=8,
    dataset=dict(
        ann_file=f'{data_root}/ntu60_xsub_val_depth_list.txt',
        data_prefix=dict(video=f'{data_root}/depth'),
        num_classes=60,
        pipeline=[
            dict(type='DepthInit'),
            dict(type='CheckFrameCount', min_frames=10),
            dict(
                type='SampleFrames',
                clip_len=10,
                frame_interval=1,
                num_clips=1,
                test_mode=True),
            dict(type='DepthDecode'),
            dict(type='Resize', scale=frame_size, keep_ratio=False),
            dict(
                type='AtomicFlowTargets',
                num_steps=8,
                modality='depth',
                dim=3,
                patch=patch,
                method='dis',
                preset='medium',
                depth_scale=0.01,
                cache_dir=None),
            dict(type='DepthNormalize'),
            dict(type='FormatShape', input_format='NCTHW'),
            dict(type='PackActionInputs', algorithm_keys=('flow_targets', ))
        ]))
test_dataloader = val_dataloader
