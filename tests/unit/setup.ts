import 'fake-indexeddb/auto';
import { loadScreenMessages } from '../../src/client/ui/i18n';

// The app loads the screens' messages with the first lazy screen; tests render screens directly.
await loadScreenMessages();
