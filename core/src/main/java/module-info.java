/**
 * Dendrite's numeric core: tensors, autograd and kernels. Depends on nothing but the JDK. {@code
 * kernels} is internal; it is opened to the benchmark module only, so that it can be measured
 * alone.
 */
module dev.dendrite.core {
  requires jdk.incubator.vector;
  requires java.net.http; // the Fashion-MNIST download only
  requires java.desktop; // javax.imageio, for data.ImageFolder's PNG/JPEG decoding only (no AWT

  // window is opened)

  exports dev.dendrite.tensor;
  exports dev.dendrite.autograd;
  exports dev.dendrite.data;
  exports dev.dendrite.data.augment;
  exports dev.dendrite.nn;
  exports dev.dendrite.nn.activation;
  exports dev.dendrite.nn.conv;
  exports dev.dendrite.nn.norm;
  exports dev.dendrite.nn.recurrent;
  exports dev.dendrite.nn.regularization;
  exports dev.dendrite.nn.loss;
  exports dev.dendrite.io;
  exports dev.dendrite.explain;
  exports dev.dendrite.explain.attribution;
  exports dev.dendrite.classic;
  exports dev.dendrite.train;
  exports dev.dendrite.train.callbacks;
  exports dev.dendrite.optim;
  exports dev.dendrite.sequence;
  exports dev.dendrite.unsupervised;
  exports dev.dendrite.tune;
  exports dev.dendrite.rl;
  exports dev.dendrite.rl.env;
  exports dev.dendrite.rl.space;
  exports dev.dendrite.rl.wrapper;
  exports dev.dendrite.rl.vector;
  exports dev.dendrite.rl.agent;
  exports dev.dendrite.gan;
  exports dev.dendrite.rl.agent.deep;
  exports dev.dendrite.kernels to
      dev.dendrite.bench;
}
