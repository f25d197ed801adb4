/** Reverse-mode automatic differentiation: the backward engine, no-grad scopes, gradient checks. */
package dev.dendrite.autograd;
