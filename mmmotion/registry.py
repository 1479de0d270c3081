"""mmmotion's registries: children of MMAction2's, under the scope
``mmmotion``.

A config with ``default_scope='mmmotion'`` finds every MMAction2 (and mmengine)
type through the parent registries. An MMAction2 config
(``default_scope='mmaction'``) reaches mmmotion types with
``custom_imports=dict(imports=['mmmotion'])`` and the scoped name
``type='mmmotion.TypeName'``; mmengine then builds everything nested inside
such
a module in the ``mmmotion`` scope.
"""
from mmaction.registry import DATA_SAMPLERS as MMACTION_DATA_SAMPLERS
from mmaction.registry import DATASETS as MMACTION_DATASETS
from mmaction.registry import EVALUATOR as MMACTION_EVALUATOR
from mmaction.registry import FUNCTION as MMACTION_FUNCTION
from mmaction.registry import HOOKS as MMACTION_HOOKS
from mmaction.registry import LOG_PROCESSORS as MMACTION_LOG_PROCESSORS
from mmaction.registry import LOOPS as MMACTION_LOOPS
from mmaction.registry import METRICS as MMACTION_METRICS
from mmaction.registry import MODEL_WRAPPERS as MMACTION_MODEL_WRAPPERS
from mmaction.registry import MODELS as MMACTION_MODELS
from mmaction.registry import \
    OPTIM_WRAPPER_CONSTRUCTORS as MMACTION_OPTIM_WRAPPER_CONSTRUCTORS
from mmaction.registry import OPTIM_WRAPPERS as MMACTION_OPTIM_WRAPPERS
from mmaction.registry import OPTIMIZERS as MMACTION_OPTIMIZERS
from mmaction.registry import PARAM_SCHEDULERS as MMACTION_PARAM_SCHEDULERS
from mmaction.registry import RUNNERS as MMACTION_RUNNERS
from mmaction.registry import TASK_UTILS as MMACTION_TASK_UTILS
from mmaction.registry import TRANSFORMS as MMACTION_TRANSFORMS
from mmaction.registry import VISBACKENDS as MMACTION_VISBACKENDS
from mmaction.registry import VISUALIZERS as MMACTION_VISUALIZERS
from mmaction.registry import \
    WEIGHT_INITIALIZERS as MMACTION_WEIGHT_INITIALIZERS
from mmengine.registry import Registry

SCOPE = 'mmmotion'


def _child(name: str, parent: Registry, location: str) -> Registry:
    return Registry(
        name, parent=parent, scope=SCOPE, locations=[f'mmmotion.{location}'])


RUNNERS = _child('runner', MMACTION_RUNNERS, 'engine')
LOOPS = _child('loop', MMACTION_LOOPS, 'engine')
HOOKS = _child('hook', MMACTION_HOOKS, 'engine')
OPTIMIZERS = _child('optimizer', MMACTION_OPTIMIZERS, 'engine')
OPTIM_WRAPPERS = _child('optim_wrapper', MMACTION_OPTIM_WRAPPERS, 'engine')
OPTIM_WRAPPER_CONSTRUCTORS = _child('optimizer wrapper constructor',
                                    MMACTION_OPTIM_WRAPPER_CONSTRUCTORS,
                                    'engine')
PARAM_SCHEDULERS = _child('parameter scheduler', MMACTION_PARAM_SCHEDULERS,
                          'engine')
LOG_PROCESSORS = _child('log_processor', MMACTION_LOG_PROCESSORS, 'engine')

DATASETS = _child('dataset', MMACTION_DATASETS, 'datasets')
DATA_SAMPLERS = _child('data sampler', MMACTION_DATA_SAMPLERS, 'datasets')
TRANSFORMS = _child('transform', MMACTION_TRANSFORMS, 'datasets.transforms')

MODELS = _child('model', MMACTION_MODELS, 'models')
MODEL_WRAPPERS = _child('model_wrapper', MMACTION_MODEL_WRAPPERS, 'models')
WEIGHT_INITIALIZERS = _child('weight initializer',
                             MMACTION_WEIGHT_INITIALIZERS, 'models')
TASK_UTILS = _child('task util', MMACTION_TASK_UTILS, 'models')

METRICS = _child('metric', MMACTION_METRICS, 'evaluation')
EVALUATOR = _child('evaluator', MMACTION_EVALUATOR, 'evaluation')

VISUALIZERS = _child('visualizer', MMACTION_VISUALIZERS, 'visualization')
VISBACKENDS = _child('vis_backend', MMACTION_VISBACKENDS, 'visualization')

FUNCTION = _child('function', MMACTION_FUNCTION, 'utils')
