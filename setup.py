import os.path as osp
from setuptools import find_packages, setup


def read_requirements(name):
    lines = open(osp.join('requirements', name)).read().splitlines()
    return [
        ln.split('#')[0].strip() for ln in lines
        if ln.split('#')[0].strip() and not ln.startswith('-r')
    ]


version = {}
exec(open('mmmotion/version.py').read(), version)

setup(
    name='mmmotion',
    version=version['__version__'],
    description='Self-supervised motion-representation learning on MMAction2',
    long_description=open('README.md').read(),
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('configs', 'tools', 'tests')),
    python_requires='>=3.8',
    install_requires=read_requirements('runtime.txt'),
    extras_require={'tests': read_requirements('tests.txt')},
    license='Apache-2.0',
)
