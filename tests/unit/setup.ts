import 'fake-indexeddb/auto';
import { configure } from '@testing-library/preact';
import '../../src/client/app/messages';
import { loadScreenMessages } from '../../src/client/ui/i18n';

// The app loads the screens' messages with the first lazy screen; tests render screens directly.
await loadScreenMessages();

// A lazy screen's chunk can take more than the default second to import on a busy shared
// machine; a screen that never shows still fails, after five.
configure({ asyncUtilTimeout: 5_000 });
