package main

// Tasks that run like vCenter's: the method returns the Task at once (info.state queued), the
// task turns running after the queue time and ends in success or error after the running time;
// each transition is published, so the property collector and WaitForUpdatesEx see it. The
// work itself happens atomically at the end of the running phase, under the world mutex.

import (
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// taskWork does a task's work when it is due. retry > 0 asks to be called again after that
// long (a task that waits for something, up to its deadline).
type taskWork func(started time.Time) (result types.AnyType, fault *netFault, retry time.Duration)

// startTask creates a queued task on entity and runs it in the background; the caller holds
// worldMu (it is inside a harness method).
func (w *world) startTask(ctx *simulator.Context, entity mo.Reference, entityName, name string, work taskWork) types.ManagedObjectReference {
	t := simulator.CreateTask(entity, name, nil)
	simulator.Map.WithLock(t, func() {
		t.Info.EntityName = entityName
		t.Info.Cancelable = false
		t.Info.Progress = 0
		if ctx.Session != nil {
			t.Info.Reason = &types.TaskReasonUser{UserName: ctx.Session.UserName}
		}
	})
	go w.runTask(t, w.settings.taskQueued, w.settings.taskRunning, work)
	return t.Self
}

func (w *world) runTask(t *simulator.Task, queued, running time.Duration, work taskWork) {
	time.Sleep(queued)
	started := time.Now()
	updateTask(t, []types.PropertyChange{
		{Name: "info.startTime", Val: started},
		{Name: "info.state", Val: types.TaskInfoStateRunning},
		{Name: "info.progress", Val: int32(10)},
	})
	time.Sleep(running)
	var result types.AnyType
	var fault *netFault
	for {
		var retry time.Duration
		worldMu.Lock()
		result, fault, retry = work(started)
		w.flush()
		worldMu.Unlock()
		if retry <= 0 {
			break
		}
		time.Sleep(retry)
	}
	changes := []types.PropertyChange{
		{Name: "info.completeTime", Val: time.Now()},
		{Name: "info.progress", Val: int32(100)},
	}
	if fault != nil {
		changes = append(changes,
			types.PropertyChange{Name: "info.state", Val: types.TaskInfoStateError},
			types.PropertyChange{Name: "info.error", Val: fault.localized()})
	} else {
		changes = append(changes, types.PropertyChange{Name: "info.state", Val: types.TaskInfoStateSuccess})
		if result != nil {
			changes = append(changes, types.PropertyChange{Name: "info.result", Val: result})
		}
	}
	updateTask(t, changes)
}

func updateTask(t *simulator.Task, changes []types.PropertyChange) {
	simulator.Map.WithLock(t, func() { simulator.Map.Update(t, changes) })
}
