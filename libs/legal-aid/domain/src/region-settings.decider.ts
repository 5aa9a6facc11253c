import { unreachable, type Command, type Decider, type DomainEvent } from '@pls/event-sourcing';
import type { StaffRef } from './application.types';
import * as input from './application.validation';

/**
 * A region's legal aid settings (stream `legal-aid.regionsettings-<region>`), set by its justice
 * bureau. A setting holds for the region's whole subtree unless a region below sets its own.
 */

/** 容缺受理: whether an application may be accepted with non-essential materials outstanding. */
export type SetAcceptWithMaterialsOutstanding = Command<'SetAcceptWithMaterialsOutstanding', { readonly regionCode: string; readonly allowed: boolean }>;

export type RegionSettingsCommand = SetAcceptWithMaterialsOutstanding;

export type AcceptWithMaterialsOutstandingSet = DomainEvent<
  'AcceptWithMaterialsOutstandingSet',
  { readonly regionCode: string; readonly allowed: boolean; readonly setAt: string; readonly setBy: StaffRef }
>;

export type RegionSettingsEvent = AcceptWithMaterialsOutstandingSet;
export const REGION_SETTINGS_EVENT_TYPES: readonly RegionSettingsEvent['type'][] = ['AcceptWithMaterialsOutstandingSet'];

export type RegionSettingsState = { readonly status: 'unset' } | { readonly status: 'set'; readonly regionCode: string; readonly acceptWithMaterialsOutstanding: boolean };

export const initialRegionSettingsState: RegionSettingsState = { status: 'unset' };

export type RegionSettingsDecider = Decider<RegionSettingsCommand, RegionSettingsEvent, RegionSettingsState>;

// Setting a value the region already has records nothing: the history shows changes only.
export const settingChanges = (state: RegionSettingsState, allowed: boolean): boolean => state.status === 'unset' || state.acceptWithMaterialsOutstanding !== allowed;

export function regionSettingsDecider(): RegionSettingsDecider {
  function decide(command: RegionSettingsCommand, state: RegionSettingsState): RegionSettingsEvent[] {
    const clock = input.instant(command.metadata.now, 'metadata.now');
    switch (command.type) {
      case 'SetAcceptWithMaterialsOutstanding': {
        const regionCode = input.regionCode(command.data.regionCode, 'regionCode');
        const allowed = input.flag(command.data.allowed, 'allowed');
        if (!settingChanges(state, allowed)) return [];
        return [{ type: 'AcceptWithMaterialsOutstandingSet', data: { regionCode, allowed, setAt: clock.iso, setBy: { userId: command.metadata.actor.userId, orgId: command.metadata.actor.orgId } } }];
      }
      default:
        return unreachable(command.type as never, 'command');
    }
  }
  return { initialState: initialRegionSettingsState, decide, evolve: evolveRegionSettings };
}

export function evolveRegionSettings(_state: RegionSettingsState, event: RegionSettingsEvent): RegionSettingsState {
  switch (event.type) {
    case 'AcceptWithMaterialsOutstandingSet':
      return { status: 'set', regionCode: event.data.regionCode, acceptWithMaterialsOutstanding: event.data.allowed };
    default:
      return unreachable(event.type as never, 'event');
  }
}
