/** The inventory hook the panes use; the store itself is made by `createInventoryStore`. */
import { appStores } from './app-stores.ts'
import { bindStore } from './bound-store.ts'
import type { InventoryState } from './create-inventory-store.ts'

export type { InventoryState } from './create-inventory-store.ts'

export const useInventory = bindStore<InventoryState>(() => appStores().inventory)
