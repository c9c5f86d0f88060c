/**
 * The parts of a message, each drawn by its kind's entry in the part registry.
 * @module
 */
import type { JSX } from 'preact';
import type { ChatMessage } from '../../core/model';
import { PartView } from '../parts/registry';
import type { PartEnv } from '../parts/types';

/** Renders every part of `message` in order. */
export function MessageParts({ message, env }: { message: ChatMessage; env: PartEnv }): JSX.Element {
  return (
    <>
      {message.parts.map((part, i) => (
        <PartView key={i} part={part} message={message} env={env} />
      ))}
    </>
  );
}
