#!/usr/bin/env bash
# The small study of issue 8's tooling: MNIST, 100 neurons, 5,000 training images, full test set.
set -x
D=${1:-runs/mnist-100}
C="--dataset mnist --neurons 100 --train-images 5000 --test-images 10000"
./snn sweep $C --norm l1,l2 --seeds 3 --dir $D
./snn sweep $C --norm l2,none --no-adaptive-threshold false,true --seeds 3 --dir $D
./snn sweep $C --norm l2 --target-norm 3,4.5,9,12 --seeds 3 --dir $D
./snn sweep $C --norm l1 --target-norm 39,58.5,117,156 --seeds 3 --dir $D
./snn sweep report $D
