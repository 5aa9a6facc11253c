import { isPlsError, type PlsError } from '@pls/shared-kernel';

/** Runs `act`, expecting a refusal; returns it so the spec can check its category and code. */
export async function refusalOf(act: () => Promise<unknown>): Promise<PlsError> {
  try {
    await act();
  } catch (error) {
    if (isPlsError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}
