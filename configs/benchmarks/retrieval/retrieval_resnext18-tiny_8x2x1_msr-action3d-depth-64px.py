# Clip retrieval / kNN on MSR Action3D cross-subject (depth) from the tiny
# ResNeXt3D-18 of any checkpoint whose backbone.* keys fit it: DynamoNet
# (configs/dynamonet), coarse-to-fine motion (configs/coarse_to_fine_motion)
# or the supervised scratch recognizer, e.g.
#   python tools/test.py configs/benchmarks/retrieval/<this>.py \
#       work_dirs/dynamonet-fp_resnext18-tiny_.../epoch_60.pth
# Each video: non-overlapping clips of 8 frames (every 2nd), 64 px centre
# crop, features averaged over the clips.
_base_ = [
    '../../_base_/benchmarks/retrieval_msr_action3d_depth.py',
    '../../_base_/default_runtime.py'
]
model = dict(
    type='FeatureExtractor',
    backbone=dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=16,
        base_width=16,
        cardinality=8,
        conv1_kernel=(3, 7, 7),
        conv1_stride=(1, 2, 2),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (2, 2, 2), (2, 2, 2))))
clip_pipeline = [
    dict(type='DepthInit'),
    dict(type='NonOverlappingClips', clip_len=8, frame_interval=2),
    dict(type='DepthDecode'),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='DepthNormalize'),
]

test_dataloader = dict(
    batch_size=1,  # videos differ in their number of clips
    num_workers=1,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='ConcatDataset',
        datasets=[
            # the gallery: the training subjects' videos
            dict(
                type='MotionVideoDataset',
                ann_file=f'{_base_.data_root}/msr_action3d_train_list.txt',
                data_prefix=dict(video=_base_.data_root),
                num_classes=20,
                test_mode=True,
                pipeline=clip_pipeline + [
                    dict(type='RetrievalSplit', split='gallery'),
                    dict(type='FormatShape', input_format='NCTHW'),
                    dict(
                        type='PackActionInputs',
                        algorithm_keys=('retrieval_split', ))
                ]),
            # the queries: the test subjects' videos
            dict(
                type='MotionVideoDataset',
                ann_file=f'{_base_.data_root}/msr_action3d_val_list.txt',
                data_prefix=dict(video=_base_.data_root),
                num_classes=20,
                test_mode=True,
                pipeline=clip_pipeline + [
                    dict(type='RetrievalSplit', split='query'),
                    dict(type='FormatShape', input_format='NCTHW'),
                    dict(
                        type='PackActionInputs',
                        algorithm_keys=('retrieval_split', ))
                ])
        ]))
