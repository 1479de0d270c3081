# The natural-RGB pretraining set (natural_rgb_c2f_motion.py: 51 training
# clips, 7 whole clips held out; every 2nd frame, short side 128, 112 px
# crops, frames on [0, 255]) with DynamoNet's clips: T + 1 = 9 frames, T
# input frames and the one future frame (the paper's T+1 layout; T = 8 is
# the CPU-scale models'). Every training clip has at least 18 frames, so
# none is dropped. Only the two datasets (`natural_rgb_dynamonet_*`, names
# apart from the configs' own); a config sets its dataloaders from them.
_base_ = ['./natural_rgb_c2f_motion.py']
nat_dynamonet_clip_len = 9
nat_dynamonet_min_frames = nat_dynamonet_clip_len * _base_.nat_frame_interval
natural_rgb_dynamonet_train = dict(
    _base_.natural_rgb_train,
    pipeline=[
        dict(t, clip_len=nat_dynamonet_clip_len) if t['type'] == 'SampleFrames'
        else dict(t, min_frames=nat_dynamonet_min_frames)
        if t['type'] == 'CheckFrameCount' else t
        for t in _base_.natural_rgb_train.pipeline
    ])
natural_rgb_dynamonet_heldout = dict(
    _base_.natural_rgb_heldout,
    pipeline=[
        dict(t, clip_len=nat_dynamonet_clip_len)
        if t['type'] == 'SampleFrames' else t
        for t in _base_.natural_rgb_heldout.pipeline
    ])
