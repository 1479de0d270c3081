# Frame-prediction pretraining with local filters (ours, issue 16: one
# 5 x 5 kernel a pixel, FramePredictionHead(mode='local')) on the
# natural-RGB set. The kernels come from the deep features alone (a 4 x 4
# map for 112 px frames, upsampled bilinearly): the plain local mode,
# measured against the skip form
# (dynamonet-fp-local-skips_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py).
# Otherwise the global-filter natural-RGB pretraining (data, schedule,
# oracle test, ud810 downstream).
_base_ = ['./dynamonet-fp_resnext18-tiny_8+1x2x1-150e_natural-rgb-112px.py']
model = dict(fp_head=dict(mode='local'))
