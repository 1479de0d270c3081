# Downstream (c): late fusion of the depth (appearance) stream, DynamoNet's
# scratch ResNeXt3D-18 recognizer, and the motion stream
# (motion-stream_resnext18-tiny_...): averaged class probabilities, equal
# weights (ours). Test only; each stream is trained on its own. Make the
# checkpoint with
#   python tools/model_converters/merge_stream_checkpoints.py \
#       work_dirs/late-fusion.pth SCRATCH.pth MOTION_STREAM.pth
# then: python tools/test.py THIS_CONFIG work_dirs/late-fusion.pth
_base_ = [
    './motion-stream_resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'
]
motion_stream = _base_.model
model = dict(
    _delete_=True,
    type='LateFusionRecognizer',
    streams=[
        # the scratch recognizer: the motion stream's ResNeXt3D on depth
        dict(
            type='Recognizer3D',
            backbone=dict(motion_stream.backbone.backbone, in_channels=1),
            cls_head=motion_stream.cls_head),
        dict(motion_stream, data_preprocessor=None),
    ],
    weights=[1.0, 1.0])
