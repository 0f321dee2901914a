// electron-vite's `?asset` imports: the file is copied next to the built main and the import is its path.
/// <reference types="electron-vite/node" />
