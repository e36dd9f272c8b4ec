/**
 * Tells the realtime servers that an app's row changed, so they apply it now rather than at their
 * next periodic refresh. Best effort: a lost notice only delays the change until that refresh.
 */
export abstract class AppChangeNotifier {
  abstract appChanged(appId: string): Promise<void>;
}
