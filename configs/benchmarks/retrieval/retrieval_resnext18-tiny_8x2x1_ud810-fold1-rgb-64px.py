# Clip retrieval / kNN on ud810 (RGB), leave-one-person-out fold 1 (folds 2
# and 3: the sibling configs): the held-out person's videos (query) look up
# the other two people's videos (gallery) by cosine similarity of pooled
# features of the tiny ResNeXt3D-18 of an RGB checkpoint (RGB scaled to
# [0, 1], as in the RGB coarse-to-fine pretraining). Each video:
# non-overlapping clips of 8 frames (every 2nd), 64 px centre crop, features
# averaged over the clips. E.g.
#   python tools/test.py configs/benchmarks/retrieval/<this>.py \
#       work_dirs/c2f-motion_resnext18-tiny_8x2x1-150e_unlabeled-rgb-64px/epoch_150.pth
_base_ = ['./retrieval_resnext18-tiny_8x2x1_msr-action3d-depth-64px.py']
data_root = 'data/ud810'
model = dict(
    backbone=dict(in_channels=3),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[0.0, 0.0, 0.0],
        std=[255.0, 255.0, 255.0],
        format_shape='NCTHW'))
clip_pipeline = [
    dict(type='SafeDecordInit'),
    dict(type='NonOverlappingClips', clip_len=8, frame_interval=2),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
]

test_dataloader = dict(
    dataset=dict(datasets=[
        # the gallery: the other two people's videos
        dict(
            type='MotionVideoDataset',
            ann_file=f'{data_root}/ud810_fold1_train_list.txt',
            data_prefix=dict(video=f'{data_root}/videos'),
            num_classes=3,
            test_mode=True,
            pipeline=clip_pipeline + [
                dict(type='RetrievalSplit', split='gallery'),
                dict(type='FormatShape', input_format='NCTHW'),
                dict(
                    type='PackActionInputs',
                    algorithm_keys=('retrieval_split', ))
            ]),
        # the queries: the held-out person's videos
        dict(
            type='MotionVideoDataset',
            ann_file=f'{data_root}/ud810_fold1_val_list.txt',
            data_prefix=dict(video=f'{data_root}/videos'),
            num_classes=3,
            test_mode=True,
            pipeline=clip_pipeline + [
                dict(type='RetrievalSplit', split='query'),
                dict(type='FormatShape', input_format='NCTHW'),
                dict(
                    type='PackActionInputs',
                    algorithm_keys=('retrieval_split', ))
            ])
    ]))
