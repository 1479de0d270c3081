# The shipped MSR atomic-flow checkpoint's check and the demo's config for
# it (checkpoints/checkpoints.yml): the 128x96 MSR Action3D depth
# pretraining, 3D targets (configs/atomic_flow/atomic-flow-bn-jitter-
# recognizer_convlstm-tiny_10x2x1-30e_msr-action3d-depth-128x96px.py), with
# its k-means codebook shipped beside the weights (checkpoints/codebook_
# kmeans32_3d_msr-action3d-depth_10x2x1_128x96px.npz, a copy of the one
# tools/data/fit_codebook.py fitted as the atomic-flow 128x96 config says;
# the full config reads it from data/msr_action3d/). Tested on the MSR clips
# of tests/data converted as users convert (the check points the test
# dataloader at them): codeword accuracy, mean class accuracy and the EPE
# of the decoded flow beside zero motion, the most frequent codeword and the
# quantisation floor (AtomicFlowMetric).
_base_ = [('../atomic_flow/atomic-flow-bn-jitter-recognizer_convlstm-tiny_'
           '10x2x1-30e_msr-action3d-depth-128x96px.py')]
codebook_file = ('checkpoints/codebook_kmeans32_3d_msr-action3d-depth_'
                 '10x2x1_128x96px.npz')
model = dict(head=dict(codebook=dict(file=codebook_file)))
downstream = []
