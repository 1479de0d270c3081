from contextlib import contextmanager

from mmengine.registry import DefaultScope


@contextmanager
def mmmotion_scope():
    """Build nested modules in mmmotion's registry scope.

    mmengine looks a bare type name up in the registry of the current default
    scope, whatever registry ``build`` was called on. When an MMAction2 config
    (scope ``mmaction``) names ``type='mmmotion.DynamoNet'``, the nested
    ``FramePredictionHead`` would then be searched in MMAction2's registry
    only. mmmotion's modules wrap their construction in this context, which
    switches to ``mmmotion`` when the current scope is ``mmaction`` or unset
    (mmmotion's registries are children of MMAction2's, so nothing is lost);
    any other project's scope is left alone.
    """
    current = DefaultScope.get_current_instance()
    name = current.scope_name if current is not None else None
    target = 'mmmotion' if name in (None, 'mmaction') else None
    with DefaultScope.overwrite_default_scope(target):
        yield
