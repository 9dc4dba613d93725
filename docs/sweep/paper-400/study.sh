#!/usr/bin/env bash
# Issue 8's studies at the paper's scale: 400 neurons (100-800 for the neuron study), 40,000
# training images, the full 10,000-image test set, seeds 1-3, both datasets.
# Usage: docs/sweep/paper-400/study.sh [DIR]   (SNN=... to run another build of snn)
set -ex
D=${1:-runs/paper-400}
SNN=${SNN:-./snn}
C="--train-images 40000 --test-images 10000 --seeds 3"
BOTH="--dataset mnist,fashion-mnist"
# 1. L1 against L2
$SNN sweep $C $BOTH --norm l1,l2 --dir $D
# 4. ablations: no scaling, no adaptive threshold, neither
$SNN sweep $C $BOTH --norm l2,none --no-adaptive-threshold false,true --dir $D
# 3. neuron counts (400 comes from study 1)
$SNN sweep $C --dataset mnist --norm l1,l2 --neurons 100,200,800 --dir $D
# 2. the Wt sweep (the defaults, L2 6 and L1 78, come from study 1)
$SNN sweep $C $BOTH --norm l2 --target-norm 1,2,3,4,9,12,18,30 --dir $D
$SNN sweep $C $BOTH --norm l1 --target-norm 10,20,39,156,312,624 --dir $D
$SNN sweep report $D
